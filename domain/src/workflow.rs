//! The publication workflow: an editor submits a draft for review; a publisher publishes it, or returns it to the
//! unit with a comment; a published record can be withdrawn, and a withdrawn one reopened as a draft.

use crate::roles::Role;
use crate::{FieldErrors, PublicationState};

/// A step of the publication workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transition {
    /// Draft -> submitted: handed to the publishers for review.
    Submit,
    /// Draft, submitted or withdrawn -> published.
    Publish,
    /// Submitted -> draft, with a comment saying what to change.
    Return,
    /// Published -> withdrawn.
    Withdraw,
    /// Withdrawn -> draft, to be reworked.
    Reopen,
}

impl Transition {
    pub const ALL: [Transition; 5] =
        [Transition::Submit, Transition::Publish, Transition::Return, Transition::Withdraw, Transition::Reopen];

    pub fn as_str(self) -> &'static str {
        match self {
            Transition::Submit => "submit",
            Transition::Publish => "publish",
            Transition::Return => "return",
            Transition::Withdraw => "withdraw",
            Transition::Reopen => "reopen",
        }
    }

    pub fn parse(text: &str) -> Option<Transition> {
        Self::ALL.into_iter().find(|t| t.as_str() == text)
    }

    /// The least role the step needs: an editor submits (its own unit's records); the rest is the publishers'.
    pub fn role(self) -> Role {
        match self {
            Transition::Submit => Role::Editor,
            _ => Role::Publisher,
        }
    }

    /// Whether the step must say why: a record goes back to its unit with what to change.
    pub fn needs_comment(self) -> bool {
        self == Transition::Return
    }
}

impl PublicationState {
    /// The state after `step`, or why the step does not apply to a record in this state.
    pub fn after(self, step: Transition) -> Result<PublicationState, String> {
        use PublicationState::*;
        match (self, step) {
            (Draft, Transition::Submit) => Ok(Submitted),
            (Draft | Submitted | Withdrawn, Transition::Publish) => Ok(Published),
            (Submitted, Transition::Return) => Ok(Draft),
            (Published, Transition::Withdraw) => Ok(Withdrawn),
            (Withdrawn, Transition::Reopen) => Ok(Draft),
            (state, step) => Err(format!(
                "a {state} record cannot be {}",
                match step {
                    Transition::Submit => "submitted; only a draft can be",
                    Transition::Publish => "published again; it is published already",
                    Transition::Return => "returned; only a submitted record can be",
                    Transition::Withdraw => "withdrawn; only a published record can be",
                    Transition::Reopen => "reopened; only a withdrawn record can be",
                }
            )),
        }
    }

    /// The steps that apply to a record in this state.
    pub fn steps(self) -> impl Iterator<Item = Transition> {
        Transition::ALL.into_iter().filter(move |step| self.after(*step).is_ok())
    }
}

/// A comment kept with a record: why it was returned, or a note between a unit and the publishers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment(String);

impl Comment {
    /// The most characters a comment holds.
    pub const MAX_CHARS: usize = 4000;

    /// The comment, trimmed; refused when blank or longer than [`Comment::MAX_CHARS`].
    pub fn new(text: &str) -> Result<Comment, FieldErrors> {
        let text = text.trim();
        if text.is_empty() {
            return Err(FieldErrors::single("comment", "required", "write what should change"));
        }
        if let Some(c) = text.chars().find(|c| crate::text::is_forbidden_char(*c)) {
            return Err(FieldErrors::single(
                "comment",
                "control_character",
                format!("the comment contains the control character U+{:04X}, which text may not hold", c as u32),
            ));
        }
        let chars = text.chars().count();
        if chars > Self::MAX_CHARS {
            return Err(FieldErrors::single(
                "comment",
                "length",
                format!("a comment holds at most {} characters; this one has {chars}", Self::MAX_CHARS),
            ));
        }
        Ok(Comment(text.to_owned()))
    }

    /// The comment a step needs (a return) or may carry, or why it is refused.
    pub fn for_step(step: Transition, text: Option<&str>) -> Result<Option<Comment>, FieldErrors> {
        match text {
            Some(text) if !text.trim().is_empty() || step.needs_comment() => Comment::new(text).map(Some),
            None if step.needs_comment() => Err(FieldErrors::single(
                "comment",
                "required",
                "returning a record needs a comment saying what to change",
            )),
            _ => Ok(None),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workflow_goes_round() {
        use PublicationState::*;
        assert_eq!(Draft.after(Transition::Submit), Ok(Submitted));
        assert_eq!(Submitted.after(Transition::Return), Ok(Draft));
        assert_eq!(Submitted.after(Transition::Publish), Ok(Published));
        assert_eq!(Draft.after(Transition::Publish), Ok(Published));
        assert_eq!(Published.after(Transition::Withdraw), Ok(Withdrawn));
        assert_eq!(Withdrawn.after(Transition::Reopen), Ok(Draft));
        assert_eq!(Withdrawn.after(Transition::Publish), Ok(Published));
        assert!(Published.after(Transition::Publish).is_err());
        assert!(Submitted.after(Transition::Submit).is_err());
        assert!(Draft.after(Transition::Return).is_err());
        assert!(Draft.after(Transition::Withdraw).is_err());
        assert!(Published.after(Transition::Reopen).is_err());
        assert_eq!(Submitted.steps().collect::<Vec<_>>(), [Transition::Publish, Transition::Return]);
    }

    #[test]
    fn a_return_says_why() {
        assert_eq!(Comment::for_step(Transition::Return, None).unwrap_err().errors()[0].code, "required");
        assert_eq!(Comment::for_step(Transition::Return, Some("  ")).unwrap_err().errors()[0].code, "required");
        assert_eq!(Comment::for_step(Transition::Submit, Some(" ")), Ok(None));
        assert_eq!(Comment::for_step(Transition::Return, Some(" fix ")).unwrap().unwrap().as_str(), "fix");
        let long = "я".repeat(Comment::MAX_CHARS + 1);
        assert_eq!(Comment::new(&long).unwrap_err().errors()[0].code, "length");
        assert_eq!(Comment::new("a\0b").unwrap_err().errors()[0].code, "control_character");
    }
}
