"""The local stack's ports come from outside the kernel's ephemeral range, where no outgoing connection can take
one between its choice and the service's bind (the intake once found its port taken and a probe answered)."""

from __future__ import annotations

import socket

from workers.localstack import _ephemeral_ports, free_port, wait_port


def test_free_ports_are_outside_the_ephemeral_range_and_bindable() -> None:
    ephemeral = _ephemeral_ports()
    for _ in range(200):
        port = free_port()
        assert port not in ephemeral
        with socket.socket() as s:
            s.bind(("127.0.0.1", port))


def test_waiting_for_a_port_returns_once_something_listens_there() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", free_port()))
        server.listen()
        wait_port(server.getsockname()[1], timeout=5)
