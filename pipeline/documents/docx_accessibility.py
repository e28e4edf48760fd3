"""What a rendered DOCX says about itself for a screen reader: its title, its language and the
alternative text of its images. Set per document at rendering (`render.Renderer`), read back
from the PDF on every conversion (`convert.accessibility`).

- Title: «Praksisavtale – sak 2026/17», or «… – utkast» before a case number exists. The
  document type and the case number only: the title is public metadata and a personal case is
  screened, so no name goes in it (DOMAIN.md). LibreOffice copies it to the PDF's Info /Title
  and XMP dc:title.
- Language: the document's målform (nb-NO for bokmål, nn-NO for nynorsk) into docDefaults and every style
  that names a language, so a template saved from an English Word still becomes `/Lang nb-NO`.
  Runs with their own language are left alone (a quotation may really be English);
  `praksis templates check` warns about them.
- Images: a description (wp:docPr `descr`) on the logo and the QR code. Word's accessibility
  checker and screen readers reading the DOCX use it. In the PDF, LibreOffice 7.4 exports the
  page header and footer, and so these two images, as pagination artifacts, which screen readers
  skip: the logo repeats the organisation's name, and the QR code repeats the identity printed
  in text beside it.
"""

from __future__ import annotations

from docx.document import Document
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.oxml.text.font import CT_RPr
from docxtpl import InlineImage

from ..common.document_set import DokumentSpec
from .identity import DocumentIdentity
from ..domain.record import Maalform


def document_title(spec: DokumentSpec, identity: DocumentIdentity, maalform: Maalform = Maalform.BOKMAAL) -> str:
    """«Praksisavtale – sak 2026/17», or «Praksisavtale – utkast» for a draft (the same words in
    nynorsk; the title is the document set's in the document's written standard)."""
    title = spec.title(maalform)
    return f"{title} – sak {identity.saksnummer}" if identity.saksnummer else f"{title} – utkast"


class DescribedImage(InlineImage):
    """A docxtpl InlineImage with alternative text (wp:docPr descr)."""

    def __init__(self, tpl, image_descriptor, description: str, width=None, height=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(tpl, image_descriptor, width=width, height=height)
        self.description = description

    def _insert_image(self) -> str:
        inline = self.tpl.current_rendering_part.new_pic_inline(self.image_descriptor, self.width, self.height)
        inline.docPr.set("descr", self.description)
        return ("</w:t></w:r><w:r><w:drawing>%s</w:drawing></w:r><w:r>"
                '<w:t xml:space="preserve">' % inline.xml)


def set_language(document: Document, language: str) -> None:
    """`language` (e.g. nb-NO) as the document's default and in every style that names one."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    if rpr.find(qn("w:lang")) is None:  # in schema order, or Word calls the file damaged
        rpr.insert_element_before(OxmlElement("w:lang"), *CT_RPr._tag_seq[CT_RPr._tag_seq.index("w:lang") + 1:])
    for element in styles.iter(qn("w:lang")):
        if element.getparent() is rpr or element.get(qn("w:val")) is not None:
            element.set(qn("w:val"), language)
    document.core_properties.language = language


def describe_document(document: Document, title: str, language: str) -> None:
    """Title and language of a rendered DOCX (see the module docstring)."""
    document.core_properties.title = title
    set_language(document, language)
