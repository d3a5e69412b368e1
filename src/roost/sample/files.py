"""The data files of the sample archive, written through an `Archive`: account, tweets, social graph, messages."""

from __future__ import annotations

import random
from array import array
from collections.abc import Iterable, Sequence
from typing import Any

from . import text
from .base import DAY_MS, EPOCH_MS, MUTUAL, USER_LINK, display, esc, iso, snowflake, tco, tw_date
from .sink import Archive
from .tweets import Tweets
from .vocab import DM_TEXT, SLUGS


def write_account(a: Archive, s: Tweets, misc: random.Random) -> None:
    """Write the README, the HTML placeholder and the small account-level files."""
    oid, user = s.owner_id, s.username
    acc_ms = (int(oid) >> 22) + EPOCH_MS if oid.isdigit() and int(oid) > 2**32 else 0
    acc_ms = acc_ms if 1_200_000_000_000 < acc_ms < s.start_ms else s.start_ms - 2000 * DAY_MS + 37_000
    a.sink.write("Your archive.html", b'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Your archive'
                 b'</title></head><body><p>Synthetic sample archive written by roost.</p></body></html>\n')
    a.sink.write("data/README.txt", (
        "INTRODUCTION\n============\nThis archive was generated at the request of the following user:\n"
        f"- @username at the time the archive was generated: {user}\n- Account ID: {oid}\n\n"
        "It is a synthetic sample written by roost (roost.sample): every account, tweet and message in it\n"
        "is made up. The data folder holds JSON files with a .js extension, one per data type.\n").encode())
    a.emit("account", "account", [{"account": {
        "email": "sample@example.invalid", "createdVia": "web", "username": user, "accountId": oid,
        "createdAt": iso(acc_ms), "accountDisplayName": "Roost Sample"}}])
    a.emit("profile", "profile", [{"profile": {"description": {
        "bio": "SEO, marketing & data. Python on weekdays. Synthetic account for roost demos.",
        "website": tco(misc), "location": "Paris, France"},
        "avatarMediaUrl": f"https://pbs.twimg.com/profile_images/{oid}/avatar.jpg"}}], "data/profile_media")
    a.emit("accountTimezone", "account-timezone", [{"accountTimezone": {"accountId": oid, "timeZone": "Europe/Paris"}}])
    a.emit("ageinfo", "ageinfo", [{"ageMeta": {"ageInfo": {"age": ["13-99"], "birthDate": ""}}}])
    a.emit("phoneNumber", "phone-number", [{"device": {"phoneNumber": "+33600000000"}}])
    a.emit("verified", "verified", [{"verified": {"accountId": oid, "verified": False}}])
    a.emit("screenNameChange", "screen-name-change", [{"screenNameChange": {"accountId": oid, "screenNameChange": {
        "changedAt": iso(s.start_ms + 200 * DAY_MS + 123), "changedFrom": f"{user[:11]}_old", "changedTo": user}}}])
    logins = sorted((s.gen_ms - misc.randrange(DAY_MS // 4, 10 * DAY_MS) // 1000 * 1000 for _ in range(5)),
                    reverse=True)
    a.emit("ipAudit", "ip-audit", [{"ipAudit": {"accountId": oid, "createdAt": iso(t), "loginPortNumber": "0",
                                                "loginIp": f"192.0.2.{misc.randrange(1, 255)}"}} for t in logins])


def write_tweets(a: Archive, s: Tweets, misc: random.Random) -> None:
    """Write tweets.js (+ parts) newest first with local shuffling, its headers, and the side tweet files."""
    hdr_ids, hdr_secs = array("q"), array("q")  # headers follow the rows, kept compactly

    def rows() -> Iterable[dict[str, Any]]:
        """Yield every row, newest block of 32 tweets first, recording its header."""
        for hi in range(s.n, 0, -32):
            block = list(range(max(0, hi - 32), hi))
            s.rng.shuffle(block)
            for i in block:
                for sec, row in s.tweet_rows(i):
                    hdr_ids.append(int(row["tweet"]["id"]))
                    hdr_secs.append(sec)
                    yield row

    if s.n > 0:
        s.build_timeline()
    a.emit("tweets", "tweets", rows(), "data/tweets_media")
    a.emit("tweetHeaders", "tweet-headers", ({"tweet": {"tweet_id": str(hdr_ids[k]), "user_id": s.owner_id,
                                                        "created_at": tw_date(hdr_secs[k])}}
                                             for k in range(len(hdr_ids))))
    a.emit("noteTweet", "note-tweet", s.note_items)
    community = {"community_id": "1630000000000000001", "community_id_str": "1630000000000000001",
                 "scopes": {"followers": False}}
    a.emit("communityTweet", "community-tweet", [s.side_tweet(misc, s.gen_ms - misc.randrange(20, 300) * DAY_MS,
                                                              community) for _ in range(2)],
           "data/community_tweet_media")
    deleted = []
    for ms in sorted((s.gen_ms - misc.randrange(3 * DAY_MS, 13 * DAY_MS) for _ in range(3)), reverse=True):
        gone = tw_date((ms + misc.randrange(3_600_000, DAY_MS)) // 1000)
        deleted.append(s.side_tweet(misc, ms, {"deleted_at": gone}))
    a.emit("deletedTweets", "deleted-tweets", deleted, "data/deleted_tweets_media")
    a.emit("deletedTweetHeaders", "deleted-tweet-headers", [{"tweet": {
        "tweet_id": d["tweet"]["id_str"], "user_id": s.owner_id, "created_at": d["tweet"]["created_at"],
        "deleted_at": d["tweet"]["deleted_at"]}} for d in deleted])


def write_social(a: Archive, s: Tweets, misc: random.Random, n_fol: int, n_fng: int,
                 extra_followers: Sequence[str], drop_followers: Sequence[str]) -> None:
    """Write followers, following, likes, blocks, mutes and lists."""
    cast = s.cast
    fol, fng = cast.follow_graph(n_fol, n_fng)
    present, drop = set(fol), {str(x) for x in drop_followers}
    extra = [x for x in dict.fromkeys(str(x) for x in extra_followers) if x not in present]
    fol = [x for x in extra + fol if x not in drop]
    a.emit("follower", "follower", ({"follower": {"accountId": x, "userLink": USER_LINK + x}} for x in fol))
    a.emit("following", "following", ({"following": {"accountId": x, "userLink": USER_LINK + x}} for x in fng))

    def likes() -> Iterable[dict[str, Any]]:
        """Yield ~1.2 likes per tweet, newest first, a few without fullText."""
        lr = random.Random(f"roost-sample:{s.seed}:likes")
        n = round(1.2 * s.n)
        missing = set(lr.sample(range(n), max(1, n // 250))) if n >= 20 else set()
        ms, gap = s.end_ms, 1.1 * (s.end_ms - s.start_ms) / max(n, 1)
        for j in range(n):  # newest first, strictly decreasing ids
            ms -= 1000 + int(lr.expovariate(1.0 / gap))
            tid = str(snowflake(lr, ms, 384, 1024))
            like = {"tweetId": tid}
            if j not in missing:
                raw = text.body(lr, text.lang(lr), text.length(lr))
                like["fullText"] = esc(f"@{s.username} {raw}" if lr.random() < 0.05 else raw)
            like["expandedUrl"] = f"https://twitter.com/i/web/status/{tid}"
            yield {"like": like}

    a.emit("like", "like", likes())
    blocked = [str(cast.account_id(misc, set(cast.used), 0.5, 0.2)) for _ in range(3)]
    a.emit("block", "block", [{"blocking": {"accountId": x, "userLink": USER_LINK + x}} for x in blocked])
    muted = [cast.others[-1][0], str(cast.account_id(misc, set(cast.used), 0.3, 0.3))]
    a.emit("mute", "mute", [{"muting": {"accountId": x, "userLink": USER_LINK + x}} for x in muted])
    a.emit("listsCreated", "lists-created", [{"userListInfo": {"url": f"https://twitter.com/{s.username}/lists/{x}"}}
                                             for x in ("seo-people", "1580000000000000042")])
    a.emit("listsMember", "lists-member", [{"userListInfo": {
        "url": f"https://twitter.com/{cast.others[k][1]}/lists/{x}"}}
        for k, x in ((0, "seo"), (14, "marketing-fr"), (30, "python-data"))])
    a.emit("listsSubscribed", "lists-subscribed", [])


def _dm(r: random.Random, sender: str, recipient: str | None, ms: int, msg_text: str,
        urls: list[dict[str, str]] | None = None) -> dict[str, Any]:
    """Build one `messageCreate` event (no recipientId in group conversations)."""
    msg: dict[str, Any] = {"recipientId": recipient} if recipient else {}
    msg.update(reactions=[], urls=urls or [], text=msg_text, mediaUrls=[], senderId=sender,
               id=str(snowflake(r, ms, 0, 1024)), createdAt=iso(ms), editHistory=[])
    return {"messageCreate": msg}


def write_messages(a: Archive, s: Tweets, misc: random.Random) -> None:
    """Write a few one-to-one DM conversations with mutuals and one group conversation."""
    oid, mutuals, convs = s.owner_id, s.cast.with_role(MUTUAL), []
    for partner in mutuals[3:7]:
        ms, msgs = s.gen_ms - misc.randrange(2 * DAY_MS, 200 * DAY_MS), []
        for _ in range(misc.randrange(2, 9)):  # newest first
            snd, rcv = (oid, partner) if misc.random() < 0.5 else (partner, oid)
            msg_text, urls = misc.choice(DM_TEXT), None
            if misc.random() < 0.15:
                link, url = tco(misc), f"https://roost-sample.example/blog/{misc.choice(SLUGS)}"
                msg_text, urls = f"Have a look {link}", [{"url": link, "expanded": url, "display": display(url)}]
            msgs.append(_dm(misc, snd, rcv, ms, msg_text, urls))
            ms -= misc.randrange(30_000, DAY_MS // 2)
        lo, hi = sorted((oid, partner), key=int)
        convs.append({"dmConversation": {"conversationId": f"{lo}-{hi}", "messages": msgs}})
    a.emit("directMessages", "direct-messages", convs, "data/direct_messages_media")
    group, ms = mutuals[7:10], s.gen_ms - 40 * DAY_MS
    events = [_dm(misc, misc.choice(group + [oid]), None, ms - k * 3_600_000, misc.choice(DM_TEXT)) for k in range(5)]
    events.append({"conversationNameUpdate": {"initiatingUserId": group[0], "name": "SEO nerds",
                                              "createdAt": iso(ms - 6 * 3_600_000)}})
    events.append({"joinConversation": {"initiatingUserId": group[0], "participantsSnapshot": group + [oid],
                                        "createdAt": iso(ms - 7 * 3_600_000)}})
    a.emit("directMessagesGroup", "direct-messages-group", [{"dmConversation": {
        "conversationId": str(snowflake(misc, ms - 7 * 3_600_000, 0, 1024)), "messages": events}}],
        "data/direct_messages_group_media")
