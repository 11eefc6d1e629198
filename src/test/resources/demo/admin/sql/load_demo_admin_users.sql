-- Demo admin users (plaintext password encoder, as the Broadleaf 3.1 default; demo only).
-- admin / admin : ROLE_ADMIN, every stock permission.
INSERT INTO BLC_ADMIN_USER (ADMIN_USER_ID, ACTIVE_STATUS_FLAG, EMAIL, LOGIN, NAME, PASSWORD) VALUES (-1, TRUE, 'admin@example.com', 'admin', 'Administrator', 'admin');
INSERT INTO BLC_ADMIN_USER_ROLE_XREF (ADMIN_USER_ID, ADMIN_ROLE_ID) VALUES (-1, -1);
-- csr / csr : ROLE_CUSTOMER_SERVICE_REP (views and maintains orders, holds no Smartpay permission).
INSERT INTO BLC_ADMIN_USER (ADMIN_USER_ID, ACTIVE_STATUS_FLAG, EMAIL, LOGIN, NAME, PASSWORD) VALUES (-2, TRUE, 'csr@example.com', 'csr', 'Customer Service', 'csr');
INSERT INTO BLC_ADMIN_USER_ROLE_XREF (ADMIN_USER_ID, ADMIN_ROLE_ID) VALUES (-2, -4);
