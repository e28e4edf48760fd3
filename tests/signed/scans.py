"""Making returned documents in the tests: scans (rasterised, rotated, noisy) and e-signed PDFs."""

from __future__ import annotations

import datetime
import io
import random
from pathlib import Path

import pikepdf
import pypdfium2
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from PIL import Image, ImageFilter
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers


def scan(pdf: Path, target: Path, dpi: int = 200, rotate: float = 1.5, noise: float = 0.04,
         pages: list[int] | None = None, seed: int = 1) -> Path:
    """A scan of `pdf`: every page (or `pages`) as a grey image, slightly rotated, with speckle
    noise and JPEG artefacts, as an image-only PDF (no text layer)."""
    rng = random.Random(seed)
    document = pypdfium2.PdfDocument(str(pdf))
    images = []
    for index in pages if pages is not None else range(len(document)):
        image = document[index].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        image = image.rotate(rotate, expand=True, fillcolor=255, resample=Image.BILINEAR)
        pixels = image.load()
        width, height = image.size
        for _ in range(int(width * height * noise / 10)):
            x, y = rng.randrange(width), rng.randrange(height)
            pixels[x, y] = rng.choice((0, 90, 200))
        image = image.filter(ImageFilter.GaussianBlur(0.4))
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=55)
        images.append(Image.open(io.BytesIO(buffer.getvalue())))
    document.close()
    images[0].save(target, "PDF", resolution=float(dpi), save_all=True, append_images=images[1:])
    return target


def make_certificate(name: str = "Kari Signer") -> tuple[asn1_x509.Certificate, asn1_keys.PrivateKeyInfo]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
                   .serial_number(x509.random_serial_number())
                   .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=30))
                   .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
                   .sign(key, hashes.SHA256()))
    return (asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER)),
            asn1_keys.PrivateKeyInfo.load(key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                                            serialization.NoEncryption())))


def esign(pdf: Path, target: Path, certificate: asn1_x509.Certificate, key: asn1_keys.PrivateKeyInfo) -> Path:
    """`pdf` signed with pyHanko (an incremental update: the original bytes stay)."""
    signer = signers.SimpleSigner(signing_cert=certificate, signing_key=key, cert_registry=None)
    with pdf.open("rb") as handle:
        writer = IncrementalPdfFileWriter(handle, strict=False)
        out = signers.sign_pdf(writer, signers.PdfSignatureMetadata(field_name="Signatur1"), signer=signer)
        target.write_bytes(out.getvalue())
    return target


def tampered(signed: Path, target: Path) -> Path:
    """A signed PDF with one byte inside the signed range changed."""
    data = bytearray(signed.read_bytes())
    index = data.find(b"/MediaBox")
    data[index + 1] = ord("m")  # /mediaBox: still parses, no longer what was signed
    target.write_bytes(bytes(data))
    return target


def blank_pdf(target: Path, pages: int = 1) -> Path:
    with pikepdf.new() as pdf:
        for _ in range(pages):
            pdf.add_blank_page()
        pdf.save(target)
    return target
