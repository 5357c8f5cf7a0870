"""Registers emergencykit's strategies with hypothesis.

Hypothesis calls :func:`_hypothesis_setup_hook` through the ``hypothesis``
entry point that ``pyproject.toml`` declares, so
``st.from_type(emergencykit.Plan)`` works without any setup.  Only the model is imported here: the strategies
themselves are imported on first use, so importing hypothesis stays cheap.
"""

from typing import Any

__all__: list[str] = []


def _resolve(cls: type) -> Any:
    from emergencykit.model import EmergencySystem, PartialDate
    from emergencykit.strategies import objects, partial_dates, systems

    if cls is PartialDate:
        return partial_dates()
    return systems() if cls is EmergencySystem else objects(cls)


def _hypothesis_setup_hook() -> None:
    """Register a strategy for every attrs class of :mod:`emergencykit.model`.

    ``st.from_type(EmergencySystem)`` gives systems valid by construction
    (:func:`emergencykit.strategies.systems`); every other class gives
    :func:`emergencykit.strategies.objects`; ``Id`` and ``Text`` give
    :func:`~emergencykit.strategies.ids` and :func:`~emergencykit.strategies.texts`.
    """
    # Hypothesis reads the model's bounds (grouped metadata that yields
    # annotated-types constraints) only with annotated-types imported, which
    # the model itself does not import.
    import annotated_types  # noqa: F401
    import attrs
    from hypothesis import strategies as st

    from emergencykit import model
    from emergencykit.model._types import Shape

    for name in model.__all__:
        cls = getattr(model, name)
        if isinstance(cls, type) and attrs.has(cls):
            st.register_type_strategy(cls, _resolve)
    # Id and Text draw through their Shape metadata (annotated-types'
    # grouped metadata, which hypothesis reads); the model cannot name the
    # strategies itself, since it never imports hypothesis.
    Shape.strategies.update(
        id=st.deferred(lambda: _strategies().ids()),
        text=st.deferred(lambda: _strategies().texts()),
        division_code=st.from_regex(r"\A[0-9]{6}\Z"),
    )


def _strategies() -> Any:
    import emergencykit.strategies

    return emergencykit.strategies
