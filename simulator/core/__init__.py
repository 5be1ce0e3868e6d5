"""The Qt-free core: scenario model, loading, diagnostics, engine, scoring, analysis.

Nothing in this package may import Qt; ``tests/test_architecture.py`` enforces it.
"""
