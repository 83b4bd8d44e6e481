"""coerce_record (one plain record, no pandas) types values as coerce_records types the
columns: the command line's dict path relies on it."""
from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ldn_comments.records import BOOLS, ENUMS, FLOATS, INTS, LISTS, coerce_record, coerce_records

_VALUE = {
    **{c: st.one_of(st.none(), st.sampled_from(v + ["", "null", "other"])) for c, v in ENUMS.items()},
    **{c: st.one_of(st.none(), st.booleans()) for c in BOOLS},
    **{c: st.one_of(st.none(), st.integers(0, 2100), st.floats(0, 2100, allow_nan=False)) for c in INTS},
    **{c: st.one_of(st.none(), st.integers(0, 400), st.floats(0, 400, allow_nan=False)) for c in FLOATS},
    **{c: st.one_of(st.none(), st.lists(st.sampled_from(["pain", "mood"]), max_size=2)) for c in LISTS},
    "ldn_start": st.one_of(st.none(), st.sampled_from(["2019", "2020-05"])),
    "author": st.one_of(st.none(), st.sampled_from(["Ines", "Ola K"])),
    "person": st.one_of(st.none(), st.sampled_from(["ines", "ola-k"])),
    "evidence": st.one_of(st.none(), st.just({"age": [[0, 2]]})),
}


def _plain(value):
    """What records_to_jsonl sees of a coerced cell."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


@pytest.mark.filterwarnings("ignore:Constructing a Categorical")  # invalid enum values, on purpose
@settings(max_examples=200, deadline=None)
@given(rows=st.lists(st.fixed_dictionaries(_VALUE), min_size=1, max_size=4))
def test_coerce_record_matches_coerce_records(rows):
    frame = coerce_records(pd.DataFrame(rows))
    for i, row in enumerate(rows):
        one = coerce_record(row)
        for col in _VALUE:
            expected = _plain(frame[col].tolist()[i])
            assert one[col] == expected and type(one[col]) is type(expected), col
