"""Country outlines from Natural Earth (the npm package world-atlas, a
TopoJSON file) as GeoJSON polygons, for the page's map and the paper map.

TopoJSON stores shared borders once as delta-encoded, quantised arcs; a
polygon ring lists arc indices (~i means arc i reversed). Decoding it is
this file's only job."""

import json
import os


def _arcs(topo):
    t = topo.get("transform")
    out = []
    for arc in topo["arcs"]:
        pts, x, y = [], 0, 0
        for p in arc:
            if t:
                x += p[0]
                y += p[1]
                pts.append([x * t["scale"][0] + t["translate"][0], y * t["scale"][1] + t["translate"][1]])
            else:
                pts.append([p[0], p[1]])
        out.append(pts)
    return out


def _ring(arcs, idx):
    pts = []
    for i in idx:
        a = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(a if not pts else a[1:])  # consecutive arcs share an end point
    return pts


def countries(assets, names, resolution="50m"):
    """GeoJSON FeatureCollection of the named countries (every country when
    `names` is empty or none is found), and the names found."""
    path = os.path.join(assets, "world-atlas", f"countries-{resolution}.json")
    with open(path, encoding="utf-8") as f:
        topo = json.load(f)
    arcs = _arcs(topo)
    geoms = topo["objects"]["countries"]["geometries"]
    wanted = {n.lower() for n in names}
    # Names in the tracker and in Natural Earth differ now and then.
    aliases = {"united states": "united states of america", "czech republic": "czechia",
               "bosnia and herzegovina": "bosnia and herz.", "dominican republic": "dominican rep.",
               "south sudan": "s. sudan", "central african republic": "central african rep.",
               "democratic republic of the congo": "dem. rep. congo", "north macedonia": "macedonia"}
    wanted |= {aliases[n] for n in list(wanted) if n in aliases}
    chosen = [g for g in geoms if g.get("properties", {}).get("name", "").lower() in wanted]
    if not chosen:
        chosen = geoms
    features = []
    for g in chosen:
        if g["type"] == "Polygon":
            coords = [[_ring(arcs, r) for r in g["arcs"]]]
        elif g["type"] == "MultiPolygon":
            coords = [[_ring(arcs, r) for r in poly] for poly in g["arcs"]]
        else:
            continue
        features.append({"type": "Feature", "properties": {"name": g.get("properties", {}).get("name", "")},
                         "geometry": {"type": "MultiPolygon", "coordinates": coords}})
    return {"type": "FeatureCollection", "features": features}, [f["properties"]["name"] for f in features]
