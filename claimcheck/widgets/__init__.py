"""The review panels (ipywidgets, with one small anywidget for the article view)."""

from .article import ArticleView
from .panel import ReviewPanel

__all__ = ["ArticleView", "ReviewPanel"]
