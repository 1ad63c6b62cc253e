"""The registry's contract: known stages, unique ids, selection by id and prefix."""

from __future__ import annotations

import pytest

from mtfix.registry import STAGES, RegistryError, all_rules, rule_modules, select_rules


def test_every_module_declares_a_known_stage_and_rules() -> None:
    for module in rule_modules():
        assert module.STAGE in STAGES
        assert module.RULES, module.__name__
        assert module.__doc__, module.__name__


def test_rules_come_in_stage_order_with_unique_ids() -> None:
    rules = all_rules()
    assert len({r.id for r in rules}) == len(rules)
    assert [STAGES.index(r.stage) for r in rules] == sorted(STAGES.index(r.stage) for r in rules)


def test_select_by_prefix_and_ignore() -> None:
    typo = select_rules(("typo",))
    assert typo and all(r.id.startswith("typo.") for r in typo)
    assert "typo.clock_time" not in {r.id for r in select_rules(("typo",), ("typo.clock_time",))}


@pytest.mark.parametrize("selector", ["typo.clocktime", "typ", "nonsense"])
def test_unknown_selector_is_an_error(selector: str) -> None:
    with pytest.raises(RegistryError, match=selector):
        select_rules((selector,))


@pytest.mark.parametrize(("declaration", "error"), [
    # A prefilter that does not compile stops the registry with the rule's id, not a run.
    ("stage=STAGE, pattern='a', prefilter='('", r"rules\.broken: rule typo\.broken: prefilter '\(' is not a valid"),
    # A rule names its module's stage; the registry checks it rather than overwriting it.
    ("stage='date', pattern='a'", r"rule typo\.broken declares stage 'date', its module 'typo'"),
])
def test_a_rule_that_breaks_the_registry_s_contract_stops_it_naming_the_rule(
        tmp_path, monkeypatch, declaration: str, error: str) -> None:
    import mtfix.rules as rules_package
    from mtfix import registry

    (tmp_path / "broken.py").write_text(
        '"""A module with a broken rule."""\n'
        "from mtfix.model import Example, FindingRule\n"
        "STAGE = 'typo'\n"
        f"RULES = [FindingRule(id='typo.broken', message='m', {declaration},\n"
        "                     examples=(Example('a', flagged='a'),), leave_alone=('b',))]\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(rules_package, "__path__", [*rules_package.__path__, str(tmp_path)])
    registry.rule_modules.cache_clear()
    registry.all_rules.cache_clear()
    try:
        with pytest.raises(RegistryError, match=error):
            registry.all_rules()
    finally:
        registry.rule_modules.cache_clear()
        registry.all_rules.cache_clear()
