"""Reading a PDF as a screen reader would: is it tagged, in which language, with what title, and
which structure elements (H1, P, Table…) page 1 has."""

import ctypes
import io
from dataclasses import dataclass

import pypdfium2
import pypdfium2.raw as pdfium_c


@dataclass
class Structure:
    tagged: bool  # the catalog's /MarkInfo << /Marked true >>
    language: str  # the catalog's /Lang
    title: str
    roles: list[str]  # the structure elements of page 1, depth first
    fonts_embedded: bool  # every font of page 1's text is in the file (PDF/UA asks it)


def _utf16(read: object, *args: object) -> str:
    """A pdfium string: asked once for its length in bytes, then read."""
    length = read(*args, None, 0)  # type: ignore[operator]
    if not length:
        return ""
    buffer = (ctypes.c_ushort * (length // 2))()  # UTF-16 code units, NUL-terminated
    read(*args, buffer, length)  # type: ignore[operator]
    return bytes(buffer)[: length - 2].decode("utf-16-le")


def _roles(element: object) -> list[str]:
    roles = [_utf16(pdfium_c.FPDF_StructElement_GetType, element)]
    for index in range(pdfium_c.FPDF_StructElement_CountChildren(element)):
        child = pdfium_c.FPDF_StructElement_GetChildAtIndex(element, index)
        if child:
            roles += _roles(child)
    return roles


def _fonts_embedded(page: pypdfium2.PdfPage) -> bool:
    fonts = [
        pdfium_c.FPDFTextObj_GetFont(obj.raw)
        for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT])
    ]
    return bool(fonts) and all(pdfium_c.FPDFFont_GetIsEmbedded(font) for font in fonts)


def structure_of(pdf: bytes) -> Structure:
    document = pypdfium2.PdfDocument(io.BytesIO(pdf))
    page = document[0]  # held: the tree is read from the open page
    tree = pdfium_c.FPDF_StructTree_GetForPage(page.raw)
    try:
        roles = []
        for index in range(pdfium_c.FPDF_StructTree_CountChildren(tree)):
            roles += _roles(pdfium_c.FPDF_StructTree_GetChildAtIndex(tree, index))
    finally:
        pdfium_c.FPDF_StructTree_Close(tree)
    return Structure(
        tagged=bool(pdfium_c.FPDFCatalog_IsTagged(document.raw)),
        language=_utf16(pdfium_c.FPDFCatalog_GetLanguage, document.raw),
        title=document.get_metadata_dict().get("Title", ""),
        roles=roles,
        fonts_embedded=_fonts_embedded(page),
    )
