"""How a conversation happens: the channel a scenario states, and the words for it.

The play screen looks like its channel (a chat thread, an e-mail, a public post, a call),
and the debrief and the library name it.
"""

from __future__ import annotations

CHANNELS: dict[str, str] = {  # the key's value: how the app names it
    "face-to-face": "Face to face",
    "phone": "Phone call",
    "chat": "Chat",
    "email": "E-mail",
    "social": "Social media, in public",
}
DEFAULT_CHANNEL = "face-to-face"


def channel_label(channel: str) -> str:
    return CHANNELS.get(channel, CHANNELS[DEFAULT_CHANNEL])
