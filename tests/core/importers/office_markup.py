"""Markup in the shapes Word and Outlook write, for the tests of reading it (texts made up)."""

from __future__ import annotations

DOCUMENT_OPEN = (
    "<html xmlns:v=\"urn:schemas-microsoft-com:vml\" "
    "xmlns:o=\"urn:schemas-microsoft-com:office:office\" "
    "xmlns:w=\"urn:schemas-microsoft-com:office:word\" "
    "xmlns=\"http://www.w3.org/TR/REC-html40\">\r\n<head>\r\n"
    "<meta http-equiv=Content-Type content=\"text/html; charset=utf-8\">\r\n"
    "<meta name=ProgId content=Word.Document>\r\n"
    "<meta name=Generator content=\"Microsoft Word 15\">\r\n"
    "<title>Tram depot plans</title>\r\n"
    "<!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>someone</o:Author>"
    "</o:DocumentProperties></xml><![endif]-->\r\n"
    "<style><!-- p.MsoNormal {margin:0cm; font-size:11.0pt;} --></style>\r\n"
    "</head>\r\n<body lang=EN-GB style='tab-interval:36.0pt'>\r\n")
DOCUMENT_CLOSE = "</body>\r\n</html>\r\n"

LEAD = ("The city wants a second tram depot before the new line opens, and the council has "
        "asked for three sites to be costed by the end of the year.")
DEPOT = ("A depot needs level ground near the line, room for twenty trams and a road for the "
         "lorries that bring spare parts.")
PLAN = ("Officers will put the three costed sites to the transport committee in the spring, "
        "with a recommendation for one of them.")

_PADDING = "<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span>"


def normal(text: str) -> str:
    return f"<p class=MsoNormal>{text}<o:p></o:p></p>\r\n"


def spacing() -> str:
    """The empty paragraph Word writes for a blank line."""
    return "<p class=MsoNormal><o:p>&nbsp;</o:p></p>\r\n"


def list_paragraph(text: str, marker: str, level: int = 1, list_id: int = 0,
                   font: str = "Symbol", place: str = "Middle") -> str:
    """A list item as Word writes it: ``mso-list`` style, the marker inside
    ``<![if !supportLists]>`` in a ``mso-list:Ignore`` span, then the text."""
    indent = 36 * level
    return (f"<p class=MsoListParagraphCxSp{place} style='margin-left:{indent}.0pt;"
            f"mso-add-space:auto;text-indent:-18.0pt;mso-list:l{list_id} level{level} "
            f"lfo{list_id + 1}'><![if !supportLists]><span style='font-family:{font};"
            f"mso-fareast-font-family:{font}'><span style='mso-list:Ignore'>{marker}"
            f"{_PADDING}</span></span><![endif]>{text}<o:p></o:p></p>\r\n")


def filtered_list_paragraph(text: str, marker: str, level: int = 1,
                            font: str = "Symbol") -> str:
    """A list item in a page saved as "Web Page, Filtered": no ``mso-list``, no conditional
    comments; only the marker, its padding and the indent say it is one."""
    indent = 36 * level
    marker_markup = (f"<span style='font-family:{font}'>{marker}{_PADDING}</span>"
                     if font else f"{marker}{_PADDING}")
    return (f"<p class=MsoListParagraphCxSpMiddle style='margin-left:{indent}.0pt;"
            f"text-indent:-18.0pt'>{marker_markup}{text}</p>\r\n")


def word_table() -> str:
    """A small data table as Word writes it."""
    rows = [("Site", "Area (ha)", "Cost"), ("North yard", "4.2", "high"),
            ("Old gasworks", "3.8", "medium")]
    cells = "".join(
        "<tr>" + "".join(f"<td width=200 valign=top style='border:solid windowtext 1.0pt'>"
                         f"<p class=MsoNormal>{cell}<o:p></o:p></p></td>" for cell in row)
        + "</tr>\r\n" for row in rows)
    return (f"<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 "
            f"style='border-collapse:collapse;mso-yfti-tbllook:1184'>\r\n{cells}</table>\r\n")


def word_selection() -> str:
    """A Word document's body: title, subtitle, headings, bullets and numbers on two levels."""
    return (
        "<p class=MsoTitle>Tram depot plans<o:p></o:p></p>\r\n"
        "<p class=MsoSubtitle>Three sites for the second depot<o:p></o:p></p>\r\n"
        + normal(LEAD) + spacing()
        + "<h1>Choosing a site<o:p></o:p></h1>\r\n"
        + normal(DEPOT)
        + list_paragraph("level ground near the line", "\u00b7", place="First")
        + list_paragraph("room for twenty trams", "o", level=2, font="\"Courier New\"")
        + list_paragraph("space for a paint shop", "\u00a7", level=3, font="Wingdings")
        + list_paragraph("a road for the lorries", "\u00b7", place="Last")
        + spacing()
        + "<h2>The sites<o:p></o:p></h2>\r\n"
        + normal("Each site was visited in the autumn by the depot team.")
        + word_table()
        + "<h1>Next steps<o:p></o:p></h1>\r\n"
        + normal(PLAN)
        + list_paragraph("cost the three sites", "1.", list_id=1, font="Calibri", place="First")
        + list_paragraph("survey the ground", "a)", level=2, list_id=1, font="Calibri")
        + list_paragraph("ask the grid operator", "b)", level=2, list_id=1, font="Calibri")
        + list_paragraph("report to the committee", "2.", list_id=1, font="Calibri",
                         place="Last"))


def word_clipboard(selection: str) -> str:
    """What Word puts in the clipboard's HTML flavour: its whole document around the selection,
    which the fragment markers enclose."""
    return (DOCUMENT_OPEN + "<!--StartFragment-->" + selection + "<!--EndFragment-->"
            + DOCUMENT_CLOSE)


def cf_html(html: str) -> str:
    """The Windows clipboard's CF_HTML: a ``Version:0.9`` header with byte offsets."""
    template = ("Version:0.9\r\nStartHTML:{0:010d}\r\nEndHTML:{1:010d}\r\n"
                "StartFragment:{2:010d}\r\nEndFragment:{3:010d}\r\n")
    header_length = len(template.format(0, 0, 0, 0).encode("utf-8"))
    data = html.encode("utf-8")
    start = data.find(b"<!--StartFragment-->") + len(b"<!--StartFragment-->")
    end = data.find(b"<!--EndFragment-->")
    return template.format(header_length, header_length + len(data), header_length + start,
                           header_length + end) + html


def word_contents() -> str:
    """A table of contents as Word writes it: a TOC field around ``MsoToc`` paragraphs whose
    links point to the headings' bookmarks."""
    entries = "".join(
        f"<p class=MsoToc1 style='tab-stops:right dotted 451.0pt'>{field}<span "
        f"class=MsoHyperlink><a href=\"#_Toc10{number}\">{heading}<span style='color:windowtext;"
        f"display:none;mso-hide:screen'><span style='mso-tab-count:1 dotted'>. </span>{number}"
        "</span></a></span><o:p></o:p></p>\r\n"
        for number, heading, field in (
            (1, "Choosing a site", "<![if supportFields]><span style='mso-element:field-begin'>"
                                   "</span><span style='mso-spacerun:yes'> </span>TOC \\o "
                                   "&quot;1-3&quot; \\h \\z \\u <span style='mso-element:"
                                   "field-separator'></span><![endif]>"),
            (2, "Next steps", "")))
    return ("<p class=MsoTocHeading>Contents<o:p></o:p></p>\r\n" + entries
            + "<p class=MsoNormal><![if supportFields]><span style='mso-element:field-end'>"
              "</span><![endif]><o:p>&nbsp;</o:p></p>\r\n")
