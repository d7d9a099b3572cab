"""Reads a vector file with GDAL (OGR) and prints it as JSON lines, for format-lib's tests.

Usage: read_layer.py FILE [LAYER] [--oo=NAME=VALUE...]   (--oo: a GDAL open option, e.g. AUTODETECT_TYPE=YES)
Line 1: the layer (driver, name, geometry type, feature count, extent, FID column, fields, SRS).
Then one line per feature: fid, properties (typed as GDAL reads them), geometry as hex ISO WKB.
"""
import json
import sys

from osgeo import gdal, ogr

gdal.UseExceptions()


def value(feature, index, field):
    if not feature.IsFieldSet(index) or feature.IsFieldNull(index):
        return None
    kind = field.GetType()
    if kind in (ogr.OFTInteger, ogr.OFTInteger64):
        return feature.GetFieldAsInteger64(index)
    if kind == ogr.OFTReal:
        return feature.GetFieldAsDouble(index)
    if kind in (ogr.OFTDate, ogr.OFTDateTime, ogr.OFTTime):
        year, month, day, hour, minute, second, tz = feature.GetFieldAsDateTime(index)
        return {"year": year, "month": month, "day": day, "hour": hour, "minute": minute,
                "second": second, "tz": tz}
    return feature.GetFieldAsString(index)


def main():
    options = [a[len("--oo="):] for a in sys.argv[1:] if a.startswith("--oo=")]
    arguments = [a for a in sys.argv[1:] if not a.startswith("--oo=")]
    dataset = gdal.OpenEx(arguments[0], gdal.OF_VECTOR, open_options=options)
    layer = dataset.GetLayerByName(arguments[1]) if len(arguments) > 1 else dataset.GetLayer(0)
    definition = layer.GetLayerDefn()
    fields = [definition.GetFieldDefn(i) for i in range(definition.GetFieldCount())]
    count = layer.GetFeatureCount()
    srs = layer.GetSpatialRef()
    meta = {
        "driver": dataset.GetDriver().ShortName,
        "name": layer.GetName(),
        "geometryType": ogr.GeometryTypeToName(layer.GetGeomType()),
        "featureCount": count,
        "extent": list(layer.GetExtent()) if count > 0 else None,
        "fidColumn": layer.GetFIDColumn(),
        "geometryColumn": layer.GetGeometryColumn(),
        "srs": (srs.GetAuthorityName(None) + ":" + srs.GetAuthorityCode(None)) if srs is not None else None,
        "fields": [{"name": f.GetName(), "type": f.GetTypeName(),
                    "subtype": ogr.GetFieldSubTypeName(f.GetSubType()), "width": f.GetWidth()} for f in fields],
    }
    print(json.dumps(meta))
    for feature in layer:
        geometry = feature.GetGeometryRef()
        print(json.dumps({
            "fid": feature.GetFID(),
            "properties": {f.GetName(): value(feature, i, f) for i, f in enumerate(fields)},
            "wkb": geometry.ExportToIsoWkb().hex() if geometry is not None else None,
        }))


main()
