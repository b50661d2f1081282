"""Report pages: a record drawn as HTML for a person judging whether the report or the reading is wrong.

`gongkai view` writes them as static files, `gongkai serve` renders them live from the records stream; both
use the same pure record -> HTML functions (`page`, `index`).
"""
