// A club role in words (the database's club_role: door < manager < owner).
export const ROLE_LABEL: Record<string, string> = { owner: "Owner", manager: "Manager", door: "Door staff" };
export const ROLE_HINT: Record<string, string> = {
  owner: "everything for the club, and its members",
  manager: "creates and edits events, sees dashboards and attendees, checks in",
  door: "checks in tickets at the door, nothing else",
};
