"""Edits a GeoPackage layer with GDAL, as a partner would in QGIS, for format-lib's tests: moves feature MOVE
to (X, Y), deletes feature DELETE and inserts a point feature NEW at (X, Y). The R-tree triggers must keep
the spatial index in step.

Usage: edit_gpkg.py FILE LAYER MOVE DELETE NEW X Y
"""
import sys

from osgeo import gdal, ogr

gdal.UseExceptions()
path, layer_name, move, delete, new, x, y = sys.argv[1:8]
dataset = gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_UPDATE)
layer = dataset.GetLayerByName(layer_name)
point = ogr.CreateGeometryFromWkt("POINT (%s %s)" % (x, y))

feature = layer.GetFeature(int(move))
feature.SetGeometry(point)
layer.SetFeature(feature)
layer.DeleteFeature(int(delete))
added = ogr.Feature(layer.GetLayerDefn())
added.SetFID(int(new))
added.SetGeometry(point)
layer.CreateFeature(added)
dataset = None
