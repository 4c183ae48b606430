"""Merging duplicate requests and undoing a merge (journey P2).

Votes, priority shares, comments and subscribers move to the target; the
source keeps a pointer so its URL redirects. A :class:`MergeRecord` snapshot
holds what unmerge needs to put things back.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Comment, MergeRecord, NotificationEvent, PriorityReason, Subscription, Vote, VoteKind
from ..rules import priorities
from . import notify
from .locking import lock_requests, recount_votes
from .shares import lock_visitors, open_votes, write_shares


def _check_mergeable(src, tgt):
    if src.pk == tgt.pk:
        raise ValidationError(_("A request cannot be merged into itself."), code="self_merge")
    if src.merged_into_id:
        raise ValidationError(
            _("“%(title)s” is already merged into another request.") % {"title": src.title}, code="already_merged"
        )
    if tgt.merged_into_id:
        raise ValidationError(
            _("“%(title)s” was itself merged away; merge into the request it was merged into.")
            % {"title": tgt.title},
            code="target_merged",
        )


def _shares_after_merge(shares, src_id, tgt_id, tgt_open):
    if not tgt_open:
        return priorities.remove_vote(shares, src_id) if src_id in shares else dict(shares)
    if src_id in shares:
        return priorities.combine_votes(shares, tgt_id, src_id)
    return priorities.add_vote(shares, tgt_id)


@transaction.atomic
def merge(actor, source, target):
    """Merge ``source`` into ``target``; returns the :class:`MergeRecord`."""
    actor.require("merge")
    if source.pk == target.pk:
        _check_mergeable(source, target)
    src, tgt = lock_requests(source, target)
    _check_mergeable(src, tgt)

    src_votes = list(Vote.objects.filter(request=src).order_by("pk"))
    visitor_ids = [v.visitor_id for v in src_votes]
    lock_visitors(visitor_ids)
    tgt_votes = {v.visitor_id: v for v in Vote.objects.filter(request=tgt, visitor_id__in=visitor_ids)}
    before = open_votes(visitor_ids)
    tgt_open = not tgt.is_closed

    creates, changed_targets, updates, history, entries = [], [], [], [], []
    for sv in src_votes:
        tv = tgt_votes.get(sv.visitor_id)
        entries.append({
            "visitor": sv.visitor_id, "kind": sv.kind, "share": sv.share,
            "added_by": sv.added_by_id,
            "target_before": None if tv is None else {"kind": tv.kind, "share": tv.share},
        })
        if sv.kind != VoteKind.ACTIVE:
            if tv is None:
                creates.append(Vote(visitor_id=sv.visitor_id, request=tgt, kind=VoteKind.NOT_INTERESTED,
                                    added_by_id=sv.added_by_id))
            continue
        mine = before.get(sv.visitor_id, {})
        new = _shares_after_merge({rid: v.share for rid, v in mine.items()}, src.pk, tgt.pk, tgt_open)
        tgt_share = new.get(tgt.pk, 0)
        history.append((sv.visitor_id, src.pk, sv.share, 0))
        history.append((sv.visitor_id, tgt.pk, tv.share if tv else 0, tgt_share))
        if tv is None:
            creates.append(Vote(visitor_id=sv.visitor_id, request=tgt, share=tgt_share, added_by_id=sv.added_by_id))
        else:
            tv.kind, tv.share = VoteKind.ACTIVE, tgt_share
            changed_targets.append(tv)
        updates.extend((mine[rid], s) for rid, s in new.items() if rid not in (src.pk, tgt.pk))

    Vote.objects.filter(request=src).delete()
    Vote.objects.bulk_create(creates)
    if changed_targets:
        Vote.objects.bulk_update(changed_targets, ["kind", "share"])
    write_shares(updates, reason=PriorityReason.MERGED, by_user=actor.user, extra_changes=history)

    comment_ids = list(Comment.objects.filter(request=src).values_list("pk", flat=True))
    Comment.objects.filter(pk__in=comment_ids).update(request=tgt)
    src_subscribers = notify.subscribers(src)
    already = set(Subscription.objects.filter(request=tgt).values_list("visitor_id", flat=True))
    added = [vid for vid in src_subscribers if vid not in already]
    Subscription.objects.bulk_create([Subscription(visitor_id=vid, request=tgt) for vid in added])

    src.merged_into = tgt
    src.save(update_fields=["merged_into", "updated_at"])
    recount_votes(src.pk, tgt.pk)
    record = MergeRecord.objects.create(
        source=src, target=tgt, merged_by=actor.user,
        snapshot={"votes": entries, "comments": comment_ids, "subscriptions_added": added},
    )
    notify.record(
        NotificationEvent.MERGED, request=tgt, event_id=record.pk, recipients=src_subscribers,
        payload={"source_title": src.title, "target_title": tgt.title},
    )
    return record


def _shares_after_unmerge(shares, entry, src_id, tgt_id, src_open, tgt_open):
    """Split the visitor's target share back between source and target.

    Returns the new open shares and whether the target vote stays active.
    """
    before = entry["target_before"]
    new = dict(shares)
    if tgt_open and tgt_id in new:
        held = new.pop(tgt_id)
        if before is not None and before["kind"] == VoteKind.ACTIVE:
            split = priorities.apportion({src_id: entry["share"], tgt_id: before["share"]}, held)
            new[tgt_id] = split[tgt_id]
            give = split[src_id]
        else:
            give = held
        if src_open:
            new[src_id] = new.get(src_id, 0) + give
        return priorities.normalise(new) if new else {}, before is not None and before["kind"] == VoteKind.ACTIVE
    if src_open:
        new = priorities.add_vote(new, src_id)
    return new, before is not None and before["kind"] == VoteKind.ACTIVE


@transaction.atomic
def unmerge(actor, source):
    """Undo the active merge of ``source``."""
    actor.require("merge")
    record = MergeRecord.objects.filter(source_id=source.pk, undone_at__isnull=True).first()
    if record is None:
        raise ValidationError(_("This request is not merged."), code="not_merged")
    src, tgt = lock_requests(record.source_id, record.target_id)
    entries = record.snapshot.get("votes", [])
    visitor_ids = [e["visitor"] for e in entries]
    lock_visitors(visitor_ids)
    src.merged_into = None
    src.save(update_fields=["merged_into", "updated_at"])
    src_open, tgt_open = not src.is_closed, not tgt.is_closed
    tgt_votes = {v.visitor_id: v for v in Vote.objects.filter(request=tgt, visitor_id__in=visitor_ids)}
    before = open_votes(visitor_ids)

    creates, deletes, changed_targets, updates, history = [], [], [], [], []
    for entry in entries:
        vid, tv, was = entry["visitor"], tgt_votes.get(entry["visitor"]), entry["target_before"]
        if entry["kind"] != VoteKind.ACTIVE:
            creates.append(Vote(visitor_id=vid, request=src, kind=VoteKind.NOT_INTERESTED, added_by_id=entry["added_by"]))
            if was is None and tv is not None and tv.kind == VoteKind.NOT_INTERESTED:
                deletes.append(tv.pk)
            continue
        if tv is None or tv.kind != VoteKind.ACTIVE:
            continue  # the visitor withdrew since the merge: respect that
        mine = before.get(vid, {})
        new, keep_target = _shares_after_unmerge(
            {rid: v.share for rid, v in mine.items()}, entry, src.pk, tgt.pk, src_open, tgt_open
        )
        src_share = new.get(src.pk, 0)
        creates.append(Vote(visitor_id=vid, request=src, share=src_share, added_by_id=entry["added_by"]))
        history.append((vid, src.pk, 0, src_share))
        if keep_target:
            history.append((vid, tgt.pk, tv.share, new.get(tgt.pk, 0)))
            tv.share = new.get(tgt.pk, 0)
            changed_targets.append(tv)
        else:
            history.append((vid, tgt.pk, tv.share, 0))
            if was is None:
                deletes.append(tv.pk)
            else:
                tv.kind, tv.share = VoteKind.NOT_INTERESTED, 0
                changed_targets.append(tv)
        updates.extend((mine[rid], s) for rid, s in new.items() if rid not in (src.pk, tgt.pk))

    Vote.objects.filter(pk__in=deletes).delete()
    if changed_targets:
        Vote.objects.bulk_update(changed_targets, ["kind", "share"])
    Vote.objects.bulk_create(creates, ignore_conflicts=True)
    write_shares(updates, reason=PriorityReason.UNMERGED, by_user=actor.user, extra_changes=history)

    Comment.objects.filter(pk__in=record.snapshot.get("comments", []), request=tgt).update(request=src)
    Subscription.objects.filter(request=tgt, visitor_id__in=record.snapshot.get("subscriptions_added", [])).delete()
    recount_votes(src.pk, tgt.pk)
    record.undone_at = timezone.now()
    record.undone_by = actor.user
    record.save(update_fields=["undone_at", "undone_by"])
    return src
