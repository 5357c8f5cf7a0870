"""One rule in full, for ``emergencykit rules CODE``: what it checks, why, and where it fires."""

from collections.abc import Iterator

from emergencykit._words import plural
from emergencykit.errors import UnknownRuleError
from emergencykit.rules._config import ValidationConfig
from emergencykit.rules._engine import INTERNAL, Rule, registry, validate

__all__ = ["explain", "get_rule"]


def get_rule(code: str) -> Rule:
    """The rule with ``code`` (any case), from any installed pack.

    Raises
    ------
    UnknownRuleError
        When no installed pack has a rule with that code.

    Examples
    --------
    >>> from emergencykit.rules import get_rule
    >>> get_rule("ek301").pack.name
    'national'
    >>> get_rule("EK999")
    Traceback (most recent call last):
    ...
    emergencykit.errors.UnknownRuleError: no rule EK999 (see 'emergencykit rules' for the catalogue)
    """
    wanted = code.strip().upper()
    if wanted == INTERNAL.code:
        return INTERNAL
    for r in registry():
        if r.code == wanted:
            return r
    raise UnknownRuleError(f"no rule {code} (see 'emergencykit rules' for the catalogue)")


def _embedded(r: Rule, lang: str) -> Iterator[str]:
    """Where the rule fires on the embedded Chongqing 2022 model, if it does."""
    from emergencykit.datasets import chongqing_2022

    # As of the embedded model's own described date (validate's default).
    report = validate(chongqing_2022(), ValidationConfig(select=(r.code,)))
    found = [f for f in report.findings if f.code == r.code]
    if not found:
        return
    first = found[0]
    if lang == "en":
        yield f"  In the embedded Chongqing 2022 model ({plural(len(found), 'finding')}), the first:"
    else:
        yield f"  内置重庆2022模型中共 {len(found)} 项，第一项："
    if first.path:
        yield f"    {first.path}"
    yield f"    {first.message(lang)}"


def _mutation(r: Rule, lang: str) -> Iterator[str]:
    """The defect of the strategies' mutation catalogue that triggers the rule, if any."""
    try:
        from emergencykit.strategies import MUTATIONS
    except ImportError:  # hypothesis is an optional extra
        return
    for m in MUTATIONS:
        if m.code == r.code:
            if lang == "en":
                yield f"  A system where {m.description}: mutation {m.name!r} of"
                yield f'  emergencykit.strategies (mutations("{r.code}") in a property test).'
            else:
                yield f"  {m.description}：emergencykit.strategies 的变异 {m.name!r}"
                yield f'  （属性测试中用 mutations("{r.code}")）。'
            return


def explain(code: str, lang: str = "zh") -> str:
    """One rule in full: title, severity, pack, source, needed facts, rationale, an example.

    The example is where the rule fires on the embedded Chongqing 2022
    model, and the defect of :data:`emergencykit.strategies.MUTATIONS` that
    triggers it (when the ``hypothesis`` extra is installed).  The rationale
    is the rule's docstring, written in English.

    Parameters
    ----------
    code
        A rule code of any installed pack (``"EK301"``; case does not matter).
    lang
        ``"zh"`` or ``"en"``.

    Returns
    -------
    str
        Lines ending in a newline.

    Raises
    ------
    UnknownRuleError
        When no installed pack has a rule with that code.

    Examples
    --------
    >>> from emergencykit.rules import explain
    >>> print(explain("EK305", "en"), end="")
    EK305 post missing its A or B holder
          岗位缺少 A 角或 B 角
    <BLANKLINE>
      severity  error
      pack      chongqing (Chongqing local policy)
      source    seed §二 (所有岗位实行AB角配置): Chongqing practice, not national law
      needs     Post.a, Post.b
    <BLANKLINE>
    Rationale
      In Chongqing every post has a primary (A) and a backup (B) holder, so
      that the post is filled when one is away.  A post whose holder the
      document does not name is asked about.
    <BLANKLINE>
    Example that fires
      A system where a post has no B holder: mutation 'missing-b-holder' of
      emergencykit.strategies (mutations("EK305") in a property test).
    """
    r = get_rule(code)
    en = lang == "en"
    level = r.severity.value if en else r.severity.zh
    other = r.title.get("zh") if en else r.title.get("en")
    lines = [f"{r.code} {r.title.get(lang)}"]
    if other != r.title.get(lang):
        lines.append(f"{' ' * len(r.code)} {other}")
    lines.append("")
    labels = (
        ("severity", "pack", "source", "needs") if en else ("级别", "规则包", "依据", "所需事实")
    )
    width = max(len(x) for x in labels) if en else 8
    values = (level, f"{r.pack.name} ({r.pack.label.get(lang)})", r.source, ", ".join(r.needs))
    for label, value in zip(labels, values, strict=True):
        if not value:  # a rule that declares no needed fact
            continue
        pad = " " * (width - (len(label) if en else 2 * len(label)))
        lines.append(f"  {label}{pad}  {value}")
    lines.append("")
    lines.append("Rationale" if en else "理由（英文）")
    lines.extend(f"  {line}".rstrip() for line in r.rationale.splitlines())
    lines.append("")
    lines.append("Example that fires" if en else "触发示例")
    example = [*_embedded(r, lang), *_mutation(r, lang)]
    if not example:
        example = [
            "  None shipped: it does not fire on the embedded model, and no mutation"
            " of emergencykit.strategies triggers it."
            if en
            else "  暂无：内置模型未触发，emergencykit.strategies 也没有触发它的变异。"
        ]
    lines.extend(example)
    return "\n".join(lines) + "\n"
