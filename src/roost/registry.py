"""Every data type of an archive, once: its file, whether roost reads it, whether it is private, what it feeds.

The archive reader (which files to read, which to skip), the loader (which raw table), the report and the
batch outputs (what a shared output leaves out) and the reasons given for unknown figures all read this
table; nothing else decides these things.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# How roost treats a data type's files.
READ = "read"  # loaded into its raw table
SKIPPED = "skipped"  # listed in archive_files, never read: no figure needs it and it is private or bulky
REDUNDANT = "redundant"  # listed, never read: it repeats what another file holds


@dataclass(frozen=True)
class DataType:
    """One kind of data file (`tweets.js` and its parts, `follower.js`...)."""

    name: str  # canonical name: the file stem in snake_case (`tweet` and `tweets` are both `tweets`)
    file: str  # how messages name it
    handling: str = READ
    private: bool = False  # its content, or even its counts, only the owner may see
    raw_table: str | None = None  # `raw_<name>` (declared in sql/raw.sql) for read types; None for raw_other
    feeds: tuple[str, ...] = ()  # the loaded tables built from it
    essential: bool = False  # a damaged file stops the load (unless --skip-broken); else it is a warning


def _t(name: str, file: str, *, handling: str = READ, private: bool = False, feeds: tuple[str, ...] = (),
       own_table: bool = True, essential: bool = False) -> DataType:
    raw_table = f"raw_{name}" if handling == READ and own_table else None
    return DataType(name, file, handling, private, raw_table, feeds, essential)


TYPES: tuple[DataType, ...] = (
    _t("tweets", "tweets.js", essential=True,
       feeds=("tweets", "tweet_mentions", "tweet_hashtags", "tweet_urls", "tweet_media")),
    _t("grailbird_tweets", "data/js/tweets/YYYY_MM.js", essential=True,
       feeds=("tweets", "tweet_mentions", "tweet_hashtags", "tweet_urls", "tweet_media")),
    _t("deleted_tweets", "deleted-tweets.js", feeds=("deleted_tweets",)),
    _t("community_tweet", "community-tweet.js", feeds=("community_tweets",)),
    _t("twitter_circle_tweet", "twitter-circle-tweet.js"),
    _t("note_tweet", "note-tweet.js", feeds=("note_tweets",)),
    _t("follower", "follower.js", feeds=("followers",)),
    _t("following", "following.js", feeds=("following",)),
    _t("like", "like.js", feeds=("likes",)),
    _t("block", "block.js", feeds=("blocks",)),
    _t("mute", "mute.js", feeds=("mutes",)),
    _t("account", "account.js", feeds=("archive",)),
    _t("profile", "profile.js", feeds=("profile",)),
    _t("account_timezone", "account-timezone.js", feeds=("archive",)),
    _t("screen_name_change", "screen-name-change.js", feeds=("screen_name_changes",)),
    _t("lists_created", "lists-created.js", feeds=("lists",)),
    _t("lists_member", "lists-member.js", feeds=("lists",)),
    _t("lists_subscribed", "lists-subscribed.js", feeds=("lists",)),
    _t("direct_messages", "direct-messages.js", private=True, feeds=("dm_messages", "dm_conversations")),
    _t("direct_messages_group", "direct-messages-group.js", private=True, feeds=("dm_messages", "dm_conversations")),
    _t("phone_number", "phone-number.js", private=True, feeds=("archive",)),
    _t("email_address_change", "email-address-change.js", private=True),
    _t("verified", "verified.js"),
    _t("ageinfo", "ageinfo.js", private=True),
    _t("grailbird_user_details", "data/js/user_details.js", feeds=("archive",)),
    _t("grailbird_payload_details", "data/js/payload_details.js", feeds=("archive",)),
    _t("grailbird_tweet_index", "data/js/tweet_index.js"),
    # Private, read into the shared raw_other table like any type roost does not know; no figure uses them.
    _t("grok_chat_item", "grok-chat-item.js", private=True, own_table=False),
    _t("audio_video_calls_in_dm", "audio-video-calls-in-dm.js", private=True, own_table=False),
    _t("audio_video_calls_in_dm_recipient_sessions", "audio-video-calls-in-dm-recipient-sessions.js",
       private=True, own_table=False),
    _t("direct_message_mute", "direct-message-mute.js", private=True, own_table=False),
    # When the owner protected and unprotected their tweets (the last six months); read by roost.privacy.
    _t("protected_history", "protected-history.js", private=True, own_table=False),
    # Read by nothing: private (address book, IP addresses, devices, keys) or bulky (ad logs).
    _t("contact", "contact.js", handling=SKIPPED, private=True),
    _t("ip_audit", "ip-audit.js", handling=SKIPPED, private=True),
    _t("account_creation_ip", "account-creation-ip.js", handling=SKIPPED, private=True),
    _t("device_token", "device-token.js", handling=SKIPPED, private=True),
    _t("key_registry", "key-registry.js", handling=SKIPPED, private=True),
    _t("ni_devices", "ni-devices.js", handling=SKIPPED, private=True),
    _t("ad_engagements", "ad-engagements.js", handling=SKIPPED, private=True),
    _t("ad_impressions", "ad-impressions.js", handling=SKIPPED, private=True),
    _t("ad_mobile_conversions_attributed", "ad-mobile-conversions-attributed.js", handling=SKIPPED, private=True),
    _t("ad_mobile_conversions_unattributed", "ad-mobile-conversions-unattributed.js", handling=SKIPPED, private=True),
    _t("ad_online_conversions_attributed", "ad-online-conversions-attributed.js", handling=SKIPPED, private=True),
    _t("ad_online_conversions_unattributed", "ad-online-conversions-unattributed.js", handling=SKIPPED, private=True),
    _t("ads_revenue_sharing", "ads-revenue-sharing.js", handling=SKIPPED, private=True),
    _t("connected_application", "connected-application.js", handling=SKIPPED, private=True),
    _t("sso", "sso.js", handling=SKIPPED, private=True),
    _t("branch_links", "branch-links.js", handling=SKIPPED, private=True),
    _t("readme", "README", handling=SKIPPED),
    # Headers repeat the ids and dates of tweets.js (and of the DM files) without their content.
    _t("tweet_headers", "tweet-headers.js", handling=REDUNDANT),
    _t("deleted_tweet_headers", "deleted-tweet-headers.js", handling=REDUNDANT),
    _t("direct_message_headers", "direct-message-headers.js", handling=REDUNDANT, private=True),
    _t("direct_message_group_headers", "direct-message-group-headers.js", handling=REDUNDANT, private=True),
    _t("grailbird_csv", "tweets.csv", handling=REDUNDANT),
)
BY_NAME = {t.name: t for t in TYPES}

# Other names the same data goes by (singular 2020-2022 files, DM file spellings).
ALIASES = {
    "tweet": "tweets",
    "direct_message": "direct_messages",
    "direct_message_group": "direct_messages_group",
}
# What an indicator's `needs:` may name besides data types: a property of the loaded tweets.
DERIVED_NEEDS = {"engagement": "like and retweet counts on the tweets"}
# Loaded tables whose rows are private (a shared output never holds them).
PRIVATE_TABLES = frozenset({"dm_messages", "dm_conversations"})


def get(name: str) -> DataType | None:
    """The data type called `name` (canonical or alias), None for a type roost does not know."""
    return BY_NAME.get(ALIASES.get(name, name))


def handling(name: str) -> str:
    """How roost treats files of this type; unknown types are read into the shared raw_other table."""
    t = get(name)
    return t.handling if t else READ


def is_private(name: str) -> bool:
    """Whether this data type is private (unknown types are treated as private: never shown when sharing)."""
    t = get(name)
    return t.private if t else True


def file_name(name: str) -> str:
    """How a message names the file of this data type (or need)."""
    if name in DERIVED_NEEDS:
        return DERIVED_NEEDS[name]
    t = get(name)
    return t.file if t else f"{name.replace('_', '-')}.js"


def is_private_indicator(ident: str, needs: Sequence[str], *, custom: bool = False, reads_private: bool = False) -> bool:
    """Whether an indicator's value is private: it needs a private data type, is a direct-message figure,
    or is a custom indicator whose SQL reads private data. A shared output never holds its value."""
    return (
        any(n in PRIVATE_TYPES or ALIASES.get(n) in PRIVATE_TYPES for n in needs) or ident.startswith("dm_") or "_dm_" in ident
        or (custom and reads_private)
    )


def mentions_private(text: str) -> bool:
    """Whether a message (a load warning) is about a private file or private data: a shared output drops it."""
    w = text.lower()
    names = {ty.file.lower() for ty in TYPES if ty.private} | {ty.name for ty in TYPES if ty.private}
    return any(n in w for n in names) or any(k in w for k in ("phone", "email", "e-mail"))


SKIPPED_TYPES = frozenset(t.name for t in TYPES if t.handling == SKIPPED)
REDUNDANT_TYPES = frozenset(t.name for t in TYPES if t.handling == REDUNDANT)
PRIVATE_TYPES = frozenset(t.name for t in TYPES if t.private)
ESSENTIAL_TYPES = frozenset(t.name for t in TYPES if t.essential)


def raw_table(name: str) -> str | None:
    """The raw table files of this data type are read into: its own, else raw_other (types roost does not know
    included); None for a type whose files are not read."""
    t = get(name)
    if t is not None and t.handling != READ:
        return None
    return (t.raw_table if t else None) or "raw_other"
