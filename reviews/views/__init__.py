"""Views of the case-file review, by topic. Every one takes its inspection through peel.views.access."""
