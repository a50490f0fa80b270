"""Rendering: documents to HTML and Markdown, and the whole static site."""

from mvkplan.render.document import FORMATS, RenderError, render_document

__all__ = ["FORMATS", "RenderError", "render_document"]
