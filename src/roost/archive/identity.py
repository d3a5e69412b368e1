"""Whom an archive belongs to and when it was made, as its own files say (manifest, account, Grailbird)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from roost.archive.util import as_dict
from roost.errors import ArchiveFileError, RoostError

if TYPE_CHECKING:
    from roost.archive import Archive

@dataclass(frozen=True)
class Identity:
    """Who a part of an archive belongs to and when it was made, as its own files say."""

    part: str  # the path the user gave
    account_id: str | None
    username: str | None
    generated_at: str | None  # the archive's generation date as written (manifest, Grailbird payload)
    evidence: str  # the file it was read from

    @property
    def label(self) -> str:
        """`@handle (id 123)`, or whichever of the two is known."""
        handle = f"@{self.username}" if self.username else "an account without a handle"
        return f"{handle} (id {self.account_id})" if self.account_id else handle

    def same_account(self, other: Identity) -> bool:
        """Whether both name one account: by id when both have one, else by handle."""
        if self.account_id and other.account_id:
            return self.account_id == other.account_id
        if self.username and other.username:
            return self.username.lower() == other.username.lower()
        return True


class AmbiguousInputError(RoostError):
    """What was given is not one archive of one account (several accounts, snapshots or archives)."""


def _text_field(v: object, limit: int = 100) -> str | None:
    """A short identity field as text: ids and handles only, never free text; None when absent or absurd."""
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, int):
        v = str(v)
    if not isinstance(v, str):
        return None
    v = v.strip()
    return v[:limit] if v and v != "-" else None


_HANDLE = re.compile(r"[A-Za-z0-9_]{1,50}")
_ID = re.compile(r"[0-9]{1,30}")


def identity_of(part: Archive, label: str) -> Identity | None:
    """The identity a part declares: manifest.js userInfo, else account.js, else Grailbird user_details.js.

    A part whose manifest and account.js name different accounts is refused.
    """
    rels = {n[len(part.root) :] for n in part._members if n.startswith(part.root)}

    def read(rel: str) -> object:
        if rel not in rels:
            return None
        try:
            value, _ = part.read_small_json(rel, limit=16 * 1024**2)
        except ArchiveFileError:
            return None
        return value

    def clean(account_id: object, username: object) -> tuple[str | None, str | None]:
        aid, user = _text_field(account_id), _text_field(username)
        return (aid if aid and _ID.fullmatch(aid) else None, user if user and _HANDLE.fullmatch(user) else None)

    found: list[Identity] = []
    manifest = read("data/manifest.js")
    if isinstance(manifest, dict):
        info, arch = as_dict(manifest.get("userInfo")), as_dict(manifest.get("archiveInfo"))
        aid, user = clean(info.get("accountId"), info.get("userName"))
        gen = _text_field(arch.get("generationDate"), 40)
        if aid or user or gen:
            found.append(Identity(label, aid, user, gen, "data/manifest.js"))
    for rel in ("data/account.js", "account.js"):
        value = read(rel)
        items = value if isinstance(value, list) else [value]
        first = as_dict(items[0]) if items else {}
        account = as_dict(first.get("account")) or first
        aid, user = clean(account.get("accountId"), account.get("username"))
        if aid or user:
            found.append(Identity(label, aid, user, None, rel))
            break
    details = read("data/js/user_details.js")
    if isinstance(details, dict):
        aid, user = clean(details.get("id_str") or details.get("id"), details.get("screen_name"))
        payload = read("data/js/payload_details.js")
        gen = _text_field(as_dict(payload).get("created_at"), 40)
        if aid or user:
            found.append(Identity(label, aid, user, gen, "data/js/user_details.js"))
    if not found:
        return None
    for other in found[1:]:
        if not found[0].same_account(other):
            raise AmbiguousInputError(
                f"{label}: {found[0].evidence} names {found[0].label} but {other.evidence} names {other.label}: "
                "this is not one account's archive; download the archive again"
            )
    merged_gen = next((i.generated_at for i in found if i.generated_at), None)
    merged_id = next((i.account_id for i in found if i.account_id), None)
    merged_user = next((i.username for i in found if i.username), None)
    evidence = next(i.evidence for i in found if i.account_id or i.username or i.generated_at)
    return Identity(label, merged_id, merged_user, merged_gen, evidence)
