// Every signup attempt counts against the client's address, refused ones too
// (app_hidden.count_signup_attempt): otherwise a registered email answers
// EMAIL_TAKEN as often as anyone asks, and the signup form is an account
// directory. The count is committed in a transaction of its own before the
// signup runs, because a refused signup rolls its own transaction back, and a
// count made there would go with it. Past the limit, the count itself answers
// TOO_MANY_ATTEMPTS (429) and the signup never runs.
export const COUNT_SIGNUP_ATTEMPT_SQL = "select app_hidden.count_signup_attempt()";
