"""Runs read-only SQL on a SQLite file with Python's sqlite3 (the system SQLite, not the writer's) and prints
each result row as a JSON line, for format-lib's tests.

Usage: gpkg_sql.py FILE SQL [PARAMETER...] (parameters are passed as numbers when they parse as numbers)
"""
import json
import sqlite3
import sys


def parameter(text):
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


connection = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
for row in connection.execute(sys.argv[2], [parameter(p) for p in sys.argv[3:]]):
    print(json.dumps([v.hex() if isinstance(v, bytes) else v for v in row]))
