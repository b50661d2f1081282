"""The ruling lines a PDF page draws, read from pdfium's path objects as pdfplumber-style edges (top-down
coordinates), so pdfplumber's table finder runs without pdfminer re-parsing the page (ten times the cost).
The page's objects are walked once: the same walk tells whether the page draws table borders at all."""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_MAX_FORM_DEPTH = 4
_STRAIGHT = 0.01  # how far a segment may lean and still be a horizontal or vertical rule
_BORDERS = 4  # thin drawn lines a page needs before it is searched for tables
_BORDER_DEPTH = 1  # borders are counted on the page and in forms one level down


def _matrix(obj: Any) -> Matrix:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _then(m: Matrix, n: Matrix) -> Matrix:
    """m applied first, then n."""
    a, b, c, d, e, f = m
    na, nb, nc, nd, ne, nf = n
    return (
        a * na + b * nc,
        a * nb + b * nd,
        c * na + d * nc,
        c * nb + d * nd,
        e * na + f * nc + ne,
        e * nb + f * nd + nf,
    )


def _paths(count: int, get: Callable[[int], Any], outer: Matrix, depth: int) -> Iterator[tuple[Any, Matrix, int]]:
    """Path objects with their matrices to page space and their form depth, inside form XObjects too."""
    for i in range(count):
        obj = get(i)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            yield obj, _then(_matrix(obj), outer), depth
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < _MAX_FORM_DEPTH:
            matrix = _then(_matrix(obj), outer)
            yield from _paths(pdfium_c.FPDFFormObj_CountObjects(obj), partial(_form_child, obj), matrix, depth + 1)


def _form_child(form: Any, index: int) -> Any:
    return pdfium_c.FPDFFormObj_GetObject(form, index)


def _white_background(obj: Any) -> bool:
    # Word-made PDFs paint a white box behind every text line; as edges they turn paragraphs into one-column tables.
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(obj, fill, stroke)
    if stroke.value:
        return False
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    if not pdfium_c.FPDFPageObj_GetFillColor(obj, r, g, b, a):
        return False
    return min(r.value, g.value, b.value) >= 0.95 * 255


def _edge(p: tuple[float, float], q: tuple[float, float]) -> dict[str, Any] | None:
    x0, x1 = sorted((p[0], q[0]))
    top, bottom = sorted((p[1], q[1]))
    if x1 - x0 < _STRAIGHT:
        orientation = "v"
    elif bottom - top < _STRAIGHT:
        orientation = "h"
    else:
        return None
    return {
        "object_type": "line",
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": orientation,
    }


def _walk(page: pdfium.PdfPage) -> list[tuple[Any, Matrix, int]]:
    raw = page.raw
    return list(_paths(pdfium_c.FPDFPage_CountObjects(raw), partial(pdfium_c.FPDFPage_GetObject, raw), _IDENTITY, 0))


def _draws_borders(paths: list[tuple[Any, Matrix, int]]) -> bool:
    """At least a few thin drawn lines (outside deeply nested forms): a page without them has no ruled table, and
    pays neither for its segments nor for the table finder."""
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    thin = 0
    for obj, _, depth in paths:
        if depth > _BORDER_DEPTH or not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        width, height = right.value - left.value, top.value - bottom.value
        if min(width, height) < 2.5 and max(width, height) > 8:
            thin += 1
            if thin >= _BORDERS:
                return True
    return False


def page_rulings(page: pdfium.PdfPage) -> list[dict[str, Any]] | None:
    """The page's edges, or None when it draws no table borders."""
    paths = _walk(page)
    return _edges(page, paths) if _draws_borders(paths) else None


def page_edges(page: pdfium.PdfPage) -> list[dict[str, Any]]:
    """Every straight horizontal or vertical segment of every drawn path (a rectangle gives its four sides)."""
    return _edges(page, _walk(page))


def _edges(page: pdfium.PdfPage, paths: list[tuple[Any, Matrix, int]]) -> list[dict[str, Any]]:
    height = page.get_height()
    edges: list[dict[str, Any] | None] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for obj, (a, b, c, d, e, f), _ in paths:
        if _white_background(obj):
            continue
        start: tuple[float, float] | None = None
        prev: tuple[float, float] | None = None
        for i in range(pdfium_c.FPDFPath_CountSegments(obj)):
            segment = pdfium_c.FPDFPath_GetPathSegment(obj, i)
            pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
            point = (x.value * a + y.value * c + e, height - (x.value * b + y.value * d + f))
            kind = pdfium_c.FPDFPathSegment_GetType(segment)
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
                start = point
            elif kind == pdfium_c.FPDF_SEGMENT_LINETO and prev is not None:
                edges.append(_edge(prev, point))
            prev = point
            if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None and prev != start:
                edges.append(_edge(prev, start))
                prev = start
    return [edge for edge in edges if edge is not None]
