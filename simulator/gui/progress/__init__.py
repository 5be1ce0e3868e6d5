"""Progress: who is practising (``trainee_picker``), saving each decision as it is taken
(``practice_record``), the trainee's progress and the class overview (``progress_view``,
``class_view``), export and import (``progress_actions``), and the controller that joins them
to the main window (``controller``). The rules themselves are ``simulator.core.progress``."""
