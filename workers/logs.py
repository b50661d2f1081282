"""structlog, configured once per process: JSON in production, readable on a terminal."""

from __future__ import annotations

import logging
import sys

import structlog
from structlog.tracebacks import ExceptionDictTransformer

from workers.redact import Redactor, secrets_of
from workers.settings import Settings


def configure_logging(settings: Settings) -> None:
    json_out = settings.log_format == "json" or (settings.log_format == "auto" and not sys.stderr.isatty())
    renderer: structlog.types.Processor = (
        structlog.processors.JSONRenderer() if json_out else structlog.dev.ConsoleRenderer(colors=False)
    )
    level = logging.getLevelName(settings.log_level.upper())
    # Tracebacks without their frames' local variables: a client's frame holds its credentials.
    tracebacks: structlog.types.Processor = (
        structlog.processors.ExceptionRenderer(ExceptionDictTransformer(show_locals=False, use_rich=False))
        if json_out
        else structlog.processors.format_exc_info
    )
    redact = Redactor(secrets_of(settings))
    shared: list[structlog.types.Processor] = [
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        # Celery's own records carry exc_info; without this their tracebacks are lost.
        tracebacks,
    ]
    # Celery's and the libraries' stdlib records go out in the same shape as ours. The handler writes each
    # record with its newline in one write, so lines from pool processes sharing the stream never run together.
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, redact, renderer],
            foreign_pre_chain=shared,
        )
    )
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(level if isinstance(level, int) else logging.INFO)
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            tracebacks,
            redact,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(level if isinstance(level, int) else logging.INFO),
        # WriteLogger writes the event and its newline in one call (PrintLogger's print makes two).
        logger_factory=structlog.WriteLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=True,
    )
