"""Practice: the trainee's screens, from the library to the debrief. The library lists the
scenarios (``library``, ``library_card``), the briefing introduces the customer, ``play`` runs
the conversation and ``debrief`` (with its PDF, ``report``) says how it went."""
