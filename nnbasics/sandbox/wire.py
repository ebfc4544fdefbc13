"""Length-prefixed JSON messages over a stream socket (both ends of the sandbox)."""

import socket
import struct

from nnbasics.release_kit.selfcheck_codec import MAX_MESSAGE_BYTES, Unsupported, dumps, loads

_HEADER = struct.Struct("!I")


class ChannelClosed(Exception):
    """The other end went away (or sent something that is not a message)."""


def send(sock: socket.socket, message) -> None:
    raw = dumps(message)
    sock.sendall(_HEADER.pack(len(raw)) + raw)


def _recv_exactly(sock: socket.socket, size: int) -> bytes:
    chunks, remaining = [], size
    while remaining:
        chunk = sock.recv(min(remaining, 1 << 20))
        if not chunk:
            raise ChannelClosed("connection closed")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def recv(sock: socket.socket):
    """One message; ``socket.timeout`` propagates so callers can enforce deadlines."""
    (size,) = _HEADER.unpack(_recv_exactly(sock, _HEADER.size))
    if size > MAX_MESSAGE_BYTES:
        raise ChannelClosed(f"message of {size} bytes is over the limit")
    try:
        return loads(_recv_exactly(sock, size))
    except (ValueError, RecursionError, Unsupported) as error:  # student code can write to the socket
        raise ChannelClosed(f"not a message: {type(error).__name__}") from None
