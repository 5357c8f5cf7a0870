"""Hypothesis entry point (being written: the strategies helper replaces this file)."""


def _hypothesis_setup_hook() -> None:
    try:
        from emergencykit import strategies  # type: ignore[attr-defined]
    except ImportError:
        return
    register = getattr(strategies, "register_type_strategies", None)
    if register is not None:
        register()
