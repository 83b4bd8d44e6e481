"""The lexicons (rules as data) load, are validated strictly, and cover the guide's keys.

The guide's therapy, benefit and adverse-event keys are written out here from ANNOTATION.md
(and, where ../shared is present, also read from it), not imported from the package, so a
key dropped from the code's own list is still caught.
"""
from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from ldn_comments.errors import RulesError
from ldn_comments.rules import lexicon, validate

LEXICONS = ["therapies", "ms_types", "outcomes", "triggers", "cues", "numbers"]
ANNOTATION = Path(__file__).resolve().parents[2] / "shared" / "ANNOTATION.md"

GUIDE_THERAPIES = {
    "interferon_beta", "glatiramer", "dimethyl_fumarate", "fingolimod", "natalizumab",
    "ocrelizumab", "teriflunomide", "alemtuzumab", "cladribine", "ofatumumab", "siponimod",
    "rituximab", "mitoxantrone", "dmt_unspecified",
    "baclofen", "tizanidine", "gabapentin", "pregabalin", "botulinum_toxin", "citalopram",
    "ibuprofen", "codeine", "opioids_unspecified", "zopiclone", "tramadol", "dalfampridine",
    "modafinil", "amantadine", "cannabis", "steroids", "vitamin_d",
    "swank_diet", "plant_based_diet", "gluten_free_diet", "vegetarian_diet",
    "lactose_free_diet", "wahls_protocol", "keto_diet", "diet_unspecified", "exercise",
    "ccsvi", "stem_cells", "acupuncture",
}
GUIDE_BENEFITS = {
    "relapses", "progression", "mri", "fatigue", "spasticity", "pain", "mobility", "mood",
    "cognition", "sleep", "bladder_bowel", "vision", "wellbeing", "fewer_medicines",
}
GUIDE_ADVERSE = {
    "sleep_disturbance", "vivid_dreams", "spasticity", "pain", "fatigue", "headache",
    "nausea", "symptom_flare", "other",
}
GUIDE_MS_TYPES = {"RRMS", "SPMS", "PPMS", "CIS", "MS"}


def _keys(data) -> set:
    return {k for k in data if k != "_doc"}


@pytest.mark.parametrize("name", LEXICONS)
def test_lexicon_loads(name):
    data = lexicon(name)
    assert isinstance(data, dict) and _keys(data)
    # validating a loaded lexicon again is a no-op that returns it
    assert validate(name, copy.deepcopy(data)) == data


def test_unknown_lexicon_name():
    with pytest.raises(RulesError) as err:
        validate("no_such_lexicon", {})
    assert err.value.code == "E011"


# --- strict validation: each kind of fault in each kind of lexicon ------------------------

def _first_list(data: dict) -> tuple[list, list]:
    """(path of keys, the list) of the first term list in a lexicon, depth first."""
    for key, value in data.items():
        if key in ("_doc", "precedence"):
            continue
        if isinstance(value, list):
            return [key], value
        if isinstance(value, dict):
            for sub, terms in value.items():
                if isinstance(terms, list):
                    return [key, sub], terms
    raise AssertionError("no term list")


def _with_terms(name: str, terms: list) -> dict:
    """A deep copy of the real lexicon `name` with its first term list replaced."""
    data = copy.deepcopy(lexicon(name))
    path, _ = _first_list(data)
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = terms
    return data


def _expect_e011(name, data, *, mentions=None):
    with pytest.raises(RulesError) as err:
        validate(name, data)
    assert err.value.code == "E011"
    assert str(err.value).startswith("E011")
    if mentions:
        assert mentions in str(err.value)


@pytest.mark.parametrize("name", LEXICONS)
def test_unknown_top_level_key(name):
    data = copy.deepcopy(lexicon(name))
    data["teleportation"] = {"x": 1} if name == "numbers" else ["teleport"]
    _expect_e011(name, data, mentions="teleportation")


def test_unknown_therapy_key_small():
    _expect_e011("therapies", {"baclofen": ["baclofen"], "teleportation": ["x"]},
                 mentions="teleportation")


@pytest.mark.parametrize("sub", ["benefits", "adverse_events"])
def test_unknown_outcome_key(sub):
    data = copy.deepcopy(lexicon("outcomes"))
    data[sub]["levitation"] = ["floating"]
    _expect_e011("outcomes", data, mentions="levitation")


@pytest.mark.parametrize("name", ["therapies", "ms_types", "outcomes", "triggers", "cues"])
def test_duplicate_term_in_one_list(name):
    _expect_e011(name, _with_terms(name, ["alpha term", "beta term", "alpha term"]),
                 mentions="alpha term")


def test_duplicate_term_across_therapies():
    """One alias for two therapies would make the key of a match a matter of chance."""
    _expect_e011("therapies", {"baclofen": ["lioresal"], "tizanidine": ["lioresal"]},
                 mentions="lioresal")


@pytest.mark.parametrize("name", ["therapies", "ms_types", "outcomes", "triggers", "cues"])
@pytest.mark.parametrize("bad", ["trailing ", " leading", "tab\t"])
def test_term_with_outer_spaces(name, bad):
    _expect_e011(name, _with_terms(name, ["fine term", bad]))


@pytest.mark.parametrize("name", ["therapies", "ms_types", "outcomes", "triggers", "cues"])
@pytest.mark.parametrize("bad", ["bac(lofen", "[unclosed", "*star", "a{2,1}"])
def test_pattern_that_does_not_compile(name, bad):
    with pytest.raises(re.error):
        re.compile(bad)
    _expect_e011(name, _with_terms(name, ["fine term", bad]))


@pytest.mark.parametrize("bad", [[""], [3], "not a list", [None]])
def test_terms_must_be_non_empty_strings(bad):
    _expect_e011("therapies", {"baclofen": bad})


def test_not_an_object():
    _expect_e011("therapies", ["baclofen"])


def test_numbers_must_map_to_numbers():
    data = copy.deepcopy(lexicon("numbers"))
    data["cardinal"] = dict(data["cardinal"], seven="7")
    _expect_e011("numbers", data)


def test_ms_types_precedence_lists_each_course_once():
    data = copy.deepcopy(lexicon("ms_types"))
    data["precedence"] = ["SPMS", "SPMS", "RRMS", "CIS", "MS"]
    _expect_e011("ms_types", data)


# --- coverage of the guide --------------------------------------------------------------

def test_every_guide_therapy_key_in_therapies():
    keys = _keys(lexicon("therapies"))
    missing = GUIDE_THERAPIES - keys
    assert not missing, f"therapy keys of the guide missing from therapies.json: {missing}"
    assert keys <= GUIDE_THERAPIES, f"keys not in the guide: {keys - GUIDE_THERAPIES}"
    for key in GUIDE_THERAPIES:
        assert lexicon("therapies")[key], f"{key} has no terms"


def test_outcome_keys_equal_the_guide():
    data = lexicon("outcomes")
    assert _keys(data["benefits"]) == GUIDE_BENEFITS
    assert _keys(data["adverse_events"]) == GUIDE_ADVERSE


def test_ms_type_keys_equal_the_guide():
    data = lexicon("ms_types")
    assert _keys(data) - {"precedence"} == GUIDE_MS_TYPES
    assert sorted(data["precedence"]) == sorted(GUIDE_MS_TYPES)


def _guide_section(text: str, start: str, end: str) -> str:
    return text.split(start, 1)[1].split(end, 1)[0]


def test_key_lists_here_match_annotation_md():
    """The key sets written out above are the ones ANNOTATION.md names."""
    if not ANNOTATION.exists():
        pytest.skip("../shared/ANNOTATION.md is not beside the repository")
    text = ANNOTATION.read_text(encoding="utf-8")
    therapies = _guide_section(text, "Names are these keys", "## The reported outcome")
    found = set(re.findall(r"^- [^:]+:.*$", therapies, flags=re.M))
    keys = set()
    for line in found:
        keys |= set(re.findall(r"`([a-z_]+)`", line))
    assert keys == GUIDE_THERAPIES
    rows = {m.group(1): m.group(2) for m in
            re.finditer(r"^\| `(benefits|adverse_events)` \| list \| (.*)$", text, flags=re.M)}
    assert set(re.findall(r"`([a-z_]+)`", rows["benefits"])) == GUIDE_BENEFITS
    assert set(re.findall(r"`([a-z_]+)`", rows["adverse_events"])) == GUIDE_ADVERSE
