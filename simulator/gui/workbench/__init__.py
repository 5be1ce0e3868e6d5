"""The author's workbench: live preview of a scenario file, problems panel, scenario map.

The app's entry point opens it: ``simulator preview FILE`` runs ``gui.app.run_preview``, which
shows ``PreviewWindow`` (``preview_window.py``).
"""
