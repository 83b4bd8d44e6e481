"""Other therapies told as a sequence in long posts (issue 19, second round): a switch
("from Avonex to Tecfidera"), a move done to the writer ("my neuro moved me to ..."), a
run of treatments ("Tecfidera for six years, then Kesimpta since 2022") and a cue that
encloses the therapy ("have been on Ocrevus since"). Our own paraphrases; the status
values are the guide's (ANNOTATION.md, "Other therapies")."""
from __future__ import annotations

import pytest
from test_long_form import record


def statuses(text: str) -> dict:
    return {t["name"]: t["status"] for t in record(text)["therapies"]}


@pytest.mark.parametrize("text, expected", [
    ("I have RRMS and take LDN. I switched from Avonex to Tecfidera last spring.",
     {"interferon_beta": "past", "dimethyl_fumarate": "current"}),
    ("I have RRMS and take LDN. I went from Copaxone to Gilenya in 2020.",
     {"glatiramer": "past", "fingolimod": "current"}),
    ("I have RRMS and take LDN. After two years on Copaxone my neuro moved me to Tecfidera, "
     "which I still take.", {"glatiramer": "past", "dimethyl_fumarate": "current"}),
    ("I have RRMS. Tecfidera for six years, then Kesimpta since 2022. I take LDN too.",
     {"dimethyl_fumarate": "past", "ofatumumab": "current"}),
    ("I have MS and take LDN. I came off Tysabri in 2019 and have been on Ocrevus since.",
     {"natalizumab": "past", "ocrelizumab": "current"}),
    # a run told in the past stays past to its end
    ("I have MS. I tried Copaxone, then Rebif, then Tysabri, and none of them suited me.",
     {"glatiramer": "past", "interferon_beta": "past", "natalizumab": "past"}),
])
def test_a_sequence_of_therapies_gives_each_its_status(text, expected):
    assert statuses(text) == expected
