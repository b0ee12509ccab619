"""retell: a news article in, a short faithful segmented report out; and an audit of any rewrite."""

__version__ = "0.1.0"
