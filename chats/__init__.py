"""What the bot keeps about chats, in the store's database: digest subscriptions and their settings,
the deliveries of each digest, and the audit log.

This is runtime state, not knowledge: the engine (`knowledge/`) knows documents, claims and
questions and never imports this package; the handlers and the digest scheduler do.
"""

from chats._audit import audit, audit_log
from chats._deliveries import (
    HELD,
    LEASE,
    LEASE_RENEW,
    MAX_ATTEMPTS,
    DeliveryClaim,
    begin_sending,
    claim_delivery,
    deliveries,
    expire_leases,
    finish_delivery,
    renew_leases,
    uncertain_deliveries,
)
from chats._subscriptions import (
    GRACE,
    Subscription,
    SubscriptionError,
    all_subscriptions,
    count_subscriptions,
    due_day,
    get_subscription,
    parse_schedule,
    set_option,
    subscribe,
    unsubscribe,
)
from chats._tables import DEFAULT_TIME, AuditRow, ChatTables, DeliveryRow, SubscriptionRow, open_database

__all__ = [
    "DEFAULT_TIME", "GRACE", "HELD", "LEASE", "LEASE_RENEW", "MAX_ATTEMPTS", "AuditRow", "ChatTables", "DeliveryClaim",
    "DeliveryRow", "Subscription", "SubscriptionError", "SubscriptionRow", "all_subscriptions", "audit", "audit_log",
    "begin_sending", "claim_delivery", "count_subscriptions", "deliveries", "due_day", "expire_leases",
    "finish_delivery", "get_subscription", "open_database", "parse_schedule", "renew_leases", "set_option",
    "subscribe", "uncertain_deliveries", "unsubscribe",
]
