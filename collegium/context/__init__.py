"""Context data (issue 12): pupil files and the contextual value added worked out from them.

A school's leaders upload their school's pseudonymised pupil file, or a network admin one file
for many schools; every row is checked and nothing is stored unless all are valid; pupil keys
are kept only as keyed hashes (`keys.py`). Each upload fits the pupil-level model
(`collegium.cva`) on the newest pupils of every school for that year and measure, and stores each
school's effect and interval; the pages only read them (`selectors.py`). See
docs/decisions/0018-pupil-files.md.
"""
