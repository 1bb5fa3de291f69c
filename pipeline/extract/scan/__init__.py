"""Scanned page image -> `Page`: orientation, deskew, ruling lines, grid,
one OCR read per cell.

`read_page_image` is the seam the PDF extractor (image-only pages) and the
image extractor call.  Steps:

1. grayscale;
2. deskew up to +-5 degrees: the angle whose sheared row profile of the ink
   (dominated by the table's ruling lines) is sharpest;
3. adaptive threshold (textured paper defeats Otsu);
4. morphology: long horizontal / vertical runs -> ruling segments;
5. cells from the shared grid builder (`pipeline.extract.grid.find_grids`);
6. orientation: a page whose tables' one-line text cells read upright as
   it stands (`upright_cells`) is upright; any other page gets the
   orientation pass (`orientation.quarter_turns`: text direction from the
   shape of word blobs, which way round by reading the largest blobs) and,
   sideways or upside down, is turned by a multiple of 90 degrees and
   steps 2-5 are done again;
7. per cell: empty and `-` recognised by shape (connected components), no
   OCR, small solid dots and short flat marks measured against the table's
   own glyphs and dashes (`_settle_specks`); the page's digit script voted
   on from body cells first, by glyph shape, else by reading a dozen
   (`_vote_script`), then one-line narrow content read as a number with the
   reader of that script (digit whitelist), falling back to text when that
   reading is weak; commas and points put right by position
   (`_fix_separators`); other cells as text;
8. free text above, between and below the tables -> `TextLine`s.

Coordinates: every `Box` (cells, tables, lines) is in pixels of the *upright*
page image, i.e. the input image after the 90-degree turn and the deskew
rotation (about the image centre, same size for 0/180, width and height
swapped for 90/270).  `Page.width`/`Page.height` are that image's size and
`Page.dpi` the resolution given.  `upright_image()` reproduces the image the
boxes refer to (for review pages that show crops).
"""

from pipeline.extract.scan.page import read_page_image, upright_image
from pipeline.extract.scan.prepare import Upright

__all__ = ["read_page_image", "upright_image", "Upright"]
