"""A programme as one file: written, read and checked, loaded, and two versions compared
(docs/frameworks.md). It reads peel, reviews and reports, so it comes after them (docs/architecture.md)."""
