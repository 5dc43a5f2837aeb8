"""Text from an HTML report (PharmCAT's report.html or a lab's web page), one line per block or table cell.

The stdlib parser is enough: only the visible text is needed, in document order. Table cells end a line,
so a table row reads "gene, genotype, phenotype" line by line just as a PDF table does; script, style and
template contents are never read.
"""

from __future__ import annotations

from html.parser import HTMLParser

MAX_TEXT_CHARS = 400_000
_SKIP = {"script", "style", "template", "noscript", "head", "svg", "math"}
_BREAK = {"p", "div", "br", "tr", "td", "th", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "table",
          "section", "article", "header", "footer", "caption", "ul", "ol", "dl", "hr", "pre", "blockquote"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.size = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:  # noqa: ARG002 - attributes are never read
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BREAK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BREAK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.skipping or self.size > MAX_TEXT_CHARS:
            return
        self.size += len(data)
        self.parts.append(data)


def html_text(text: str) -> str:
    """The visible text, one line per block element or table cell, whitespace inside a line collapsed."""
    parser = _Text()
    parser.feed(text)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)
