--! Previous: sha1:80f37d823226b9d13bf163b7ed8e1dbfaf19d4c1
--! Hash: sha1:e2c36972c040c99782aa11093fe57248037dc482
--! Message: Revoke PUBLIC execute on functions

--------------------------------------------------------------------------------
-- Function privileges: Postgres lets PUBLIC execute every new function, and a
-- per-schema default cannot take that away. Revoke it everywhere we own, and
-- for every function created from now on; each role gets exactly the grants
-- written next to its functions.
--------------------------------------------------------------------------------

alter default privileges revoke execute on functions from public;
revoke execute on all functions in schema app_public, app_private from public;
