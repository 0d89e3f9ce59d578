"""Whatever bytes arrive, reading a crime list gives rows, row problems or a clear refusal: never a crash."""

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviews.crime_list import CrimeListUnreadable, CrimeRow, RowProblem, read_crime_list

HEADER = b"crime_reference,crime_type,recorded_date,domestic_abuse_flag,outcome_code\n"

arbitrary_files = st.one_of(
    st.binary(max_size=2_000),
    st.binary(max_size=2_000).map(lambda body: HEADER + body),
    st.binary(max_size=2_000).map(lambda body: b"PK\x03\x04" + body),
    st.text(max_size=500).map(lambda body: HEADER + body.encode("utf-8", "surrogatepass")),
    st.lists(
        st.lists(st.text(alphabet=st.characters(), max_size=12), min_size=0, max_size=7), max_size=20
    ).map(lambda rows: HEADER + "\n".join(",".join(row) for row in rows).encode("utf-8", "surrogatepass")),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=arbitrary_files, filename=st.sampled_from(["crimes.csv", "crimes.xlsx", "crimes.xls", "crimes"]))
def test_reading_arbitrary_bytes_never_raises_anything_but_a_refusal(data, filename):
    try:
        items = list(read_crime_list(io.BytesIO(data), filename=filename))
    except CrimeListUnreadable as unreadable:
        assert str(unreadable)
    else:
        assert all(isinstance(item, CrimeRow | RowProblem) for item in items)
        assert all(item.row_number >= 2 for item in items)
