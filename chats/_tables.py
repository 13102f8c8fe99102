"""The chat tables: subscriptions, their deliveries and the audit log, beside the store's tables.

They hold what cannot be rebuilt from the documents, so unlike the store's tables they are never
dropped: a column added since a database was made is added to it (nullable, so old rows stay valid).
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import Boolean, DateTime, Integer, String, Text, UniqueConstraint, inspect
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from knowledge.database import make_engine

log = logging.getLogger("briefbot.chats")

DEFAULT_TIME = "07:30"


class ChatTables(DeclarativeBase):
    """The chat tables' own schema; the store's tables (knowledge.store) share the database, not the schema."""


class SubscriptionRow(ChatTables):
    __tablename__ = "subscriptions"
    __table_args__ = (UniqueConstraint("transport", "chat", name="uq_subscription_chat"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    transport: Mapped[str] = mapped_column(String(20))
    chat: Mapped[str] = mapped_column(String(300))
    user: Mapped[str] = mapped_column(String(300), default="")
    time: Mapped[str] = mapped_column(String(5), default=DEFAULT_TIME)
    tz: Mapped[str] = mapped_column(String(64), default="UTC")
    lang: Mapped[str] = mapped_column(String(5), default="de")
    skip_empty: Mapped[bool] = mapped_column(Boolean, default=False)
    covered_version: Mapped[int] = mapped_column(Integer, default=0)
    last_sent_day: Mapped[str | None] = mapped_column(String(10), nullable=True)
    last_sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class DeliveryRow(ChatTables):
    __tablename__ = "deliveries"
    __table_args__ = (UniqueConstraint("subscription_id", "day", name="uq_delivery_day"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    subscription_id: Mapped[int] = mapped_column(Integer, index=True)
    day: Mapped[str] = mapped_column(String(10))
    # claimed | sending | sent | failed | skipped | uncertain
    status: Mapped[str] = mapped_column(String(10), default="claimed")
    claimed_by: Mapped[str] = mapped_column(String(100), default="")
    claimed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # the owner's clock plus LEASE; null in rows written before leases existed
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=1)


class AuditRow(ChatTables):
    __tablename__ = "audit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    transport: Mapped[str] = mapped_column(String(20))
    chat: Mapped[str] = mapped_column(String(300))
    user: Mapped[str] = mapped_column(String(300))
    action: Mapped[str] = mapped_column(String(40))
    allowed: Mapped[bool] = mapped_column(Boolean)
    detail: Mapped[str] = mapped_column(Text, default="")



def open_database(url: str) -> Engine:
    """The database of the store at `url`, with the chat tables in place."""
    engine = make_engine(url)
    ChatTables.metadata.create_all(engine)
    _add_new_columns(engine)
    return engine


def _add_new_columns(engine: Engine) -> None:
    """Columns added to the chat tables since a database was made (nullable ones only)."""
    inspector = inspect(engine)
    for name, table in ChatTables.metadata.tables.items():
        present = {c["name"] for c in inspector.get_columns(name)}
        for column in table.columns:
            if column.name not in present and column.nullable:
                kind = column.type.compile(dialect=engine.dialect)
                # another replica starting at the same time may add it first (SQLite's writes are serial anyway)
                guard = "IF NOT EXISTS " if engine.dialect.name == "postgresql" else ""
                with engine.begin() as connection:
                    connection.exec_driver_sql(f'ALTER TABLE {name} ADD COLUMN {guard}"{column.name}" {kind}')
                log.info("database: added column %s.%s", name, column.name)
