"""Media entities as real archives write them: photos, animated GIFs and videos with `sizes` and `video_info`.

`extended_entities.media` holds every item; `entities.media` holds the first one only, typed `photo` and
without `video_info` or `additional_media_info`, whatever it really is.
"""

from __future__ import annotations

import random
from typing import Any

from .base import X_COM_MS, cum, key, pick, snowflake

PHOTO, GIF, VIDEO = "photo", "animated_gif", "video"
# Kinds of media among the 550 real extended media items: 91% photos, 7% GIFs, 2% videos.
_TYPES = (PHOTO, GIF, VIDEO)
_TYPE_CUM = cum([0.88, 0.09, 0.03])
# Pictures per media tweet: 94% one, 5% two, then three or four.
_COUNT_CUM = cum([0.94, 0.05, 0.004, 0.006])
_DIMS = ((2048, 1536), (1536, 2048), (2048, 1152), (1200, 675), (1080, 1080), (1818, 1032), (640, 480),
         (750, 1334), (1280, 720), (720, 1280), (2048, 946), (828, 1792))
_ORDERS = (("small", "large", "thumb", "medium"), ("thumb", "small", "medium", "large"),
           ("large", "thumb", "medium", "small"), ("medium", "large", "thumb", "small"))


def _fit(w: int, h: int, limit: int) -> tuple[int, int]:
    """Scale (w, h) down to fit in a `limit` square, as Twitter's `fit` sizes do."""
    if max(w, h) <= limit:
        return w, h
    s = limit / max(w, h)
    return round(w * s), round(h * s)


def _sizes(w: int, h: int, order: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """The `sizes` dict of a picture of w x h in the key order `order`."""
    dims = {"large": _fit(w, h, 2048), "medium": _fit(w, h, 1200), "small": _fit(w, h, 680), "thumb": (150, 150)}
    return {k: {"w": str(dims[k][0]), "h": str(dims[k][1]), "resize": "crop" if k == "thumb" else "fit"}
            for k in order}


_SIZES = tuple(_sizes(w, h, o) for w, h in _DIMS for o in _ORDERS)


def _ratio(w: int, h: int) -> list[str]:
    """The reduced aspect ratio of w x h, as strings."""
    a, b = w, h
    while b:
        a, b = b, a % b
    return [str(w // a), str(h // a)]


def count(r: random.Random) -> int:
    """Draw the number of media items of a tweet that has media."""
    return 1 + pick(r, _COUNT_CUM)


def items(r: random.Random, n: int, ms: int, author: str, status_id: str, link: str, start: int,
          source: tuple[str, str] | None = None, cta: bool = False) -> list[dict[str, Any]]:
    """Build `n` extended media items shown by t.co `link` at `start` in a tweet of `author`/`status_id`.

    `source` = (user id, status id) marks media reused from another tweet (retweets mostly); `cta` asks for
    one video with a call to action.
    """
    kind = VIDEO if cta else _TYPES[pick(r, _TYPE_CUM)] if n == 1 else PHOTO
    n = 1 if cta else n
    host = "x.com" if ms >= X_COM_MS else "twitter.com"
    indices = [str(start), str(start + len(link))]
    out = []
    for k in range(n):
        mid = str(snowflake(r, ms - r.randrange(2_000, 900_000), 0, 1024))
        sizes = r.choice(_SIZES)
        large = sizes["large"]
        w, h = int(large["w"]), int(large["h"])
        m: dict[str, Any] = {"expanded_url": f"https://{host}/{author}/status/{status_id}/"
                                             f"{'video' if kind == VIDEO else 'photo'}/{k + 1}"}
        if source:
            m["source_status_id"] = source[1]
        m["indices"], m["url"] = indices, link
        if kind == PHOTO:
            thumb = f"pbs.twimg.com/media/{key(r)}.{'png' if r.random() < 0.1 else 'jpg'}"
        elif kind == GIF:
            gif = key(r)
            thumb = f"pbs.twimg.com/tweet_video_thumb/{gif}.jpg"
        else:
            thumb = f"pbs.twimg.com/ext_tw_video_thumb/{mid}/pu/img/{key(r, 16)}.jpg"
        m["media_url"], m["id_str"] = "http://" + thumb, mid
        if kind == GIF:
            m["video_info"] = {"aspect_ratio": _ratio(w, h), "variants": [
                {"bitrate": "0", "content_type": "video/mp4", "url": f"https://video.twimg.com/tweet_video/{gif}.mp4"}]}
        elif kind == VIDEO:
            m["video_info"] = _video(r, mid, w, h)
        if source:
            m["source_user_id"] = source[0]
        if kind == VIDEO:
            m["additional_media_info"] = _additional(r, cta)
        m["id"], m["media_url_https"] = mid, "https://" + thumb
        if source:
            m["source_user_id_str"] = source[0]
        m["sizes"], m["type"] = sizes, kind
        if source:
            m["source_status_id_str"] = source[1]
        m["display_url"] = ("pic.x.com/" if host == "x.com" else "pic.twitter.com/") + link[13:]
        out.append(m)
    return out


def first(m: dict[str, Any]) -> dict[str, Any]:
    """The `entities.media` form of extended media item `m`."""
    return {k: ("photo" if k == "type" else v) for k, v in m.items()
            if k != "video_info" and k != "additional_media_info"}


def _video(r: random.Random, mid: str, w: int, h: int) -> dict[str, Any]:
    """A `video_info` with an HLS playlist and three MP4 renditions."""
    base = f"https://video.twimg.com/ext_tw_video/{mid}/pu"
    tag = "?tag=12" if r.random() < 0.5 else ""
    mp4 = [{"bitrate": str(b), "content_type": "video/mp4",
            "url": f"{base}/vid/{fw}x{fh}/{key(r, 16)}.mp4{tag}"}
           for b, (fw, fh) in ((256000, _fit(w, h, 320)), (832000, _fit(w, h, 640)), (2176000, _fit(w, h, 1280)))]
    hls = {"content_type": "application/x-mpegURL", "url": f"{base}/pl/{key(r, 16)}.m3u8{tag}"}
    return {"aspect_ratio": _ratio(w, h), "duration_millis": str(r.randrange(2_000, 140_000)),
            "variants": [hls, *mp4] if r.random() < 0.5 else [*mp4, hls]}


def _additional(r: random.Random, cta: bool) -> dict[str, Any]:
    """`additional_media_info`: usually `monetizable` alone, now and then a title and a call to action."""
    if not cta:
        return {"monetizable": False}
    return {"title": "", "description": "", "call_to_actions": {"visit_site": {
        "url": "https://www.youtube.com/watch?v=" + key(r, 11)}}, "embeddable": True, "monetizable": False}
