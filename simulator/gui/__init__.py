"""The Qt layer: presents the core and forwards user actions. No game logic lives here."""
