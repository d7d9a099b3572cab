"""Reads a JSON file (an array of objects, or newline-delimited JSON) with Python's json module and prints
each record as one JSON line: its keys in file order, each value as [python type, text], for format-lib's
tests. NaN and Infinity tokens are refused: they are not JSON.

Usage: read_json.py FILE array|ndjson|geojson
(geojson: the FeatureCollection's features, each printed as [["type", ...], ["id", ...], ["properties" keys...]]:
 its members type and id, then its properties.)
"""
import json
import sys


def refuse(token):
    raise ValueError("not JSON: " + token)


def typed(value):
    if value is None:
        return ["null", None]
    if isinstance(value, bool):
        return ["bool", "true" if value else "false"]
    if isinstance(value, int):
        return ["int", str(value)]
    if isinstance(value, float):
        return ["float", repr(value)]
    if isinstance(value, str):
        return ["str", value]
    return [type(value).__name__, json.dumps(value, sort_keys=True, ensure_ascii=False)]


def main():
    path, layout = sys.argv[1], sys.argv[2]
    with open(path, encoding="utf-8") as file:
        text = file.read()
    if layout == "array":
        records = json.loads(text, parse_constant=refuse)
        if not isinstance(records, list):
            raise ValueError("not an array")
    elif layout == "geojson":
        collection = json.loads(text, parse_constant=refuse)
        if collection.get("type") != "FeatureCollection":
            raise ValueError("not a FeatureCollection")
        records = []
        for feature in collection["features"]:
            record = {"type": feature["type"], "id": feature["id"]}
            record.update(feature["properties"])
            records.append(record)
    else:
        if text and not text.endswith("\n"):
            raise ValueError("NDJSON must end with a line feed")
        records = [json.loads(line, parse_constant=refuse) for line in text.split("\n")[:-1]]
    for record in records:
        print(json.dumps([[key, typed(value)] for key, value in record.items()], ensure_ascii=False))


main()
