"""The GUI's plumbing, below every screen: text sizes (``fonts``), colours (``theme``) and the
style sheet (``style``), clearing layouts, background jobs (``worker``) and the words shared by
several screens (``progress_text``). Nothing here knows about a screen or a feature."""
