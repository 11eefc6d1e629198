--
-- Smartpay for Broadleaf Commerce: admin permissions (Broadleaf 3.1 admin security tables).
--
-- Two friendly permissions, assignable to roles on the admin's Role Management screen:
--   "Smartpay: refund"                -> PERMISSION_SMARTPAY_REFUND
--   "Smartpay: capture and cancel"    -> PERMISSION_SMARTPAY_CAPTURE_CANCEL
-- The Smartpay admin endpoints check these authorities on every request; viewing the Smartpay panel only needs
-- the stock order permissions. Both are granted to ROLE_ADMIN (-1); grant them to other roles as you see fit.
--
-- IDs: this module reserves -47000 .. -47099 in BLC_ADMIN_PERMISSION, BLC_ADMIN_MODULE and BLC_ADMIN_SECTION (no
-- Broadleaf 3.1 or 6.2 SQL file uses them; Broadleaf 6.2 itself uses -33014/-33015 and its DemoSite -33002).
-- Install: append /config/bc/sql/load_smartpay_admin_security.sql to blPU.hibernate.hbm2ddl.import_files after
-- Broadleaf's load_admin_*.sql files (development), or run it once against the database (production).
--

-- The authorities themselves (not friendly: Broadleaf grants them through the friendly parents below)
INSERT INTO BLC_ADMIN_PERMISSION (ADMIN_PERMISSION_ID, DESCRIPTION, NAME, PERMISSION_TYPE, IS_FRIENDLY) VALUES (-47001, 'Refund Smartpay payments', 'PERMISSION_SMARTPAY_REFUND', 'OTHER', FALSE);
INSERT INTO BLC_ADMIN_PERMISSION (ADMIN_PERMISSION_ID, DESCRIPTION, NAME, PERMISSION_TYPE, IS_FRIENDLY) VALUES (-47002, 'Capture and cancel Smartpay payments', 'PERMISSION_SMARTPAY_CAPTURE_CANCEL', 'OTHER', FALSE);

-- Friendly permissions shown on the Role Management screen
INSERT INTO BLC_ADMIN_PERMISSION (ADMIN_PERMISSION_ID, DESCRIPTION, NAME, PERMISSION_TYPE, IS_FRIENDLY) VALUES (-47011, 'Smartpay: refund', 'PERMISSION_SMARTPAY_REFUND', 'OTHER', TRUE);
INSERT INTO BLC_ADMIN_PERMISSION_XREF (ADMIN_PERMISSION_ID, CHILD_PERMISSION_ID) VALUES (-47011, -47001);
INSERT INTO BLC_ADMIN_PERMISSION (ADMIN_PERMISSION_ID, DESCRIPTION, NAME, PERMISSION_TYPE, IS_FRIENDLY) VALUES (-47012, 'Smartpay: capture and cancel', 'PERMISSION_SMARTPAY_CAPTURE_CANCEL', 'OTHER', TRUE);
INSERT INTO BLC_ADMIN_PERMISSION_XREF (ADMIN_PERMISSION_ID, CHILD_PERMISSION_ID) VALUES (-47012, -47002);

-- ROLE_ADMIN gets both
INSERT INTO BLC_ADMIN_ROLE_PERMISSION_XREF (ADMIN_ROLE_ID, ADMIN_PERMISSION_ID) VALUES (-1, -47011);
INSERT INTO BLC_ADMIN_ROLE_PERMISSION_XREF (ADMIN_ROLE_ID, ADMIN_PERMISSION_ID) VALUES (-1, -47012);

-- The admin menu's "Smartpay" module with its two sections, Needs attention and Health (module and section ids
-- -47001.., their own tables). They show for roles holding "Smartpay: needs attention and health", and every page and
-- action of the section checks that authority on the server (403 otherwise).
INSERT INTO BLC_ADMIN_PERMISSION (ADMIN_PERMISSION_ID, DESCRIPTION, NAME, PERMISSION_TYPE, IS_FRIENDLY) VALUES (-47003, 'Use the Smartpay section of the admin', 'PERMISSION_SMARTPAY_SECTION', 'OTHER', FALSE);
INSERT INTO BLC_ADMIN_PERMISSION (ADMIN_PERMISSION_ID, DESCRIPTION, NAME, PERMISSION_TYPE, IS_FRIENDLY) VALUES (-47013, 'Smartpay: needs attention and health', 'PERMISSION_SMARTPAY_SECTION', 'OTHER', TRUE);
INSERT INTO BLC_ADMIN_PERMISSION_XREF (ADMIN_PERMISSION_ID, CHILD_PERMISSION_ID) VALUES (-47013, -47003);
INSERT INTO BLC_ADMIN_ROLE_PERMISSION_XREF (ADMIN_ROLE_ID, ADMIN_PERMISSION_ID) VALUES (-1, -47013);

-- ICON: the classes of the menu's icon; 3.1's admin draws Font Awesome 3's icon-credit-card, 6.2's Font Awesome 4's
-- fa fa-credit-card (6.2's left menu shows modules by icon only: without one the entry is an empty slot).
INSERT INTO BLC_ADMIN_MODULE (ADMIN_MODULE_ID, NAME, MODULE_KEY, ICON, DISPLAY_ORDER) VALUES (-47001, 'Smartpay', 'SmartpayModule', 'icon-credit-card fa fa-credit-card', 350);
INSERT INTO BLC_ADMIN_SECTION (ADMIN_SECTION_ID, DISPLAY_ORDER, ADMIN_MODULE_ID, NAME, SECTION_KEY, URL, CEILING_ENTITY) VALUES (-47001, 1000, -47001, 'Needs attention', 'SmartpayAttention', '/smartpay-attention', NULL);
INSERT INTO BLC_ADMIN_SECTION (ADMIN_SECTION_ID, DISPLAY_ORDER, ADMIN_MODULE_ID, NAME, SECTION_KEY, URL, CEILING_ENTITY) VALUES (-47002, 2000, -47001, 'Health', 'SmartpayHealth', '/smartpay-health', NULL);
INSERT INTO BLC_ADMIN_SEC_PERM_XREF (ADMIN_SECTION_ID, ADMIN_PERMISSION_ID) VALUES (-47001, -47013);
INSERT INTO BLC_ADMIN_SEC_PERM_XREF (ADMIN_SECTION_ID, ADMIN_PERMISSION_ID) VALUES (-47002, -47013);
