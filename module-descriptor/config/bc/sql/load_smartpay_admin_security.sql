--
-- Smartpay for Broadleaf Commerce: admin permissions (Broadleaf 3.1 admin security tables).
--
-- Two friendly permissions, assignable to roles on the admin's Role Management screen:
--   "Smartpay: refund"                -> PERMISSION_SMARTPAY_REFUND
--   "Smartpay: capture and cancel"    -> PERMISSION_SMARTPAY_CAPTURE_CANCEL
-- The Smartpay admin endpoints check these authorities on every request; viewing the Smartpay panel only needs
-- the stock order permissions. Both are granted to ROLE_ADMIN (-1); grant them to other roles as you see fit.
--
-- IDs: this module reserves -33000 .. -33099 in BLC_ADMIN_PERMISSION, BLC_ADMIN_MODULE and BLC_ADMIN_SECTION.
-- Install: append /config/bc/sql/load_smartpay_admin_security.sql to blPU.hibernate.hbm2ddl.import_files after
-- Broadleaf's load_admin_*.sql files (development), or run it once against the database (production).
--

-- The authorities themselves (not friendly: Broadleaf grants them through the friendly parents below)
INSERT INTO BLC_ADMIN_PERMISSION (ADMIN_PERMISSION_ID, DESCRIPTION, NAME, PERMISSION_TYPE, IS_FRIENDLY) VALUES (-33001, 'Refund Smartpay payments', 'PERMISSION_SMARTPAY_REFUND', 'OTHER', FALSE);
INSERT INTO BLC_ADMIN_PERMISSION (ADMIN_PERMISSION_ID, DESCRIPTION, NAME, PERMISSION_TYPE, IS_FRIENDLY) VALUES (-33002, 'Capture and cancel Smartpay payments', 'PERMISSION_SMARTPAY_CAPTURE_CANCEL', 'OTHER', FALSE);

-- Friendly permissions shown on the Role Management screen
INSERT INTO BLC_ADMIN_PERMISSION (ADMIN_PERMISSION_ID, DESCRIPTION, NAME, PERMISSION_TYPE, IS_FRIENDLY) VALUES (-33011, 'Smartpay: refund', 'PERMISSION_SMARTPAY_REFUND', 'OTHER', TRUE);
INSERT INTO BLC_ADMIN_PERMISSION_XREF (ADMIN_PERMISSION_ID, CHILD_PERMISSION_ID) VALUES (-33011, -33001);
INSERT INTO BLC_ADMIN_PERMISSION (ADMIN_PERMISSION_ID, DESCRIPTION, NAME, PERMISSION_TYPE, IS_FRIENDLY) VALUES (-33012, 'Smartpay: capture and cancel', 'PERMISSION_SMARTPAY_CAPTURE_CANCEL', 'OTHER', TRUE);
INSERT INTO BLC_ADMIN_PERMISSION_XREF (ADMIN_PERMISSION_ID, CHILD_PERMISSION_ID) VALUES (-33012, -33002);

-- ROLE_ADMIN gets both
INSERT INTO BLC_ADMIN_ROLE_PERMISSION_XREF (ADMIN_ROLE_ID, ADMIN_PERMISSION_ID) VALUES (-1, -33011);
INSERT INTO BLC_ADMIN_ROLE_PERMISSION_XREF (ADMIN_ROLE_ID, ADMIN_PERMISSION_ID) VALUES (-1, -33012);

-- The admin menu's "Smartpay" module with its two sections, Needs attention and Health (module and section ids
-- -33001.., their own tables). They show for roles holding "Smartpay: needs attention and health", and every page and
-- action of the section checks that authority on the server (403 otherwise).
INSERT INTO BLC_ADMIN_PERMISSION (ADMIN_PERMISSION_ID, DESCRIPTION, NAME, PERMISSION_TYPE, IS_FRIENDLY) VALUES (-33003, 'Use the Smartpay section of the admin', 'PERMISSION_SMARTPAY_SECTION', 'OTHER', FALSE);
INSERT INTO BLC_ADMIN_PERMISSION (ADMIN_PERMISSION_ID, DESCRIPTION, NAME, PERMISSION_TYPE, IS_FRIENDLY) VALUES (-33013, 'Smartpay: needs attention and health', 'PERMISSION_SMARTPAY_SECTION', 'OTHER', TRUE);
INSERT INTO BLC_ADMIN_PERMISSION_XREF (ADMIN_PERMISSION_ID, CHILD_PERMISSION_ID) VALUES (-33013, -33003);
INSERT INTO BLC_ADMIN_ROLE_PERMISSION_XREF (ADMIN_ROLE_ID, ADMIN_PERMISSION_ID) VALUES (-1, -33013);

INSERT INTO BLC_ADMIN_MODULE (ADMIN_MODULE_ID, NAME, MODULE_KEY, ICON, DISPLAY_ORDER) VALUES (-33001, 'Smartpay', 'SmartpayModule', 'icon-credit-card', 350);
INSERT INTO BLC_ADMIN_SECTION (ADMIN_SECTION_ID, DISPLAY_ORDER, ADMIN_MODULE_ID, NAME, SECTION_KEY, URL, CEILING_ENTITY) VALUES (-33001, 1000, -33001, 'Needs attention', 'SmartpayAttention', '/smartpay-attention', NULL);
INSERT INTO BLC_ADMIN_SECTION (ADMIN_SECTION_ID, DISPLAY_ORDER, ADMIN_MODULE_ID, NAME, SECTION_KEY, URL, CEILING_ENTITY) VALUES (-33002, 2000, -33001, 'Health', 'SmartpayHealth', '/smartpay-health', NULL);
INSERT INTO BLC_ADMIN_SEC_PERM_XREF (ADMIN_SECTION_ID, ADMIN_PERMISSION_ID) VALUES (-33001, -33013);
INSERT INTO BLC_ADMIN_SEC_PERM_XREF (ADMIN_SECTION_ID, ADMIN_PERMISSION_ID) VALUES (-33002, -33013);
