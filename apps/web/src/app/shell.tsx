import { WorklistBadge } from '../features/worklist/worklist-badge';
import { AppShell, Avatar, Burger, Group, Menu, NavLink, ScrollArea, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useEffect, useRef, type RefObject } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { useLogout } from '../features/auth/api';
import { IdleLogoff } from '../features/auth/idle-logoff';
import { useCan, useMe } from '../features/auth/session';
import { Logo } from '../ui/logo';
import { isActive, visibleNav } from './nav';
import classes from './shell.module.css';

const NAVBAR_ID = 'main-navigation';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase();
}

/**
 * Moves focus to the new page's h1 after in-app navigation, so screen readers announce where they are. Pages
 * that load first get their h1 later: wait for it (briefly), unless the user has moved focus meanwhile.
 */
function useFocusOnNavigate(mainRef: RefObject<HTMLElement | null>) {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const main = mainRef.current;
    if (!main) return;
    const title = () => main.querySelector<HTMLElement>('[data-page-title]');
    const untouched = () => document.activeElement === document.body || document.activeElement === main || !document.activeElement;
    window.scrollTo({ top: 0 });
    const found = title();
    if (found) {
      found.focus({ preventScroll: true });
      return;
    }
    main.focus({ preventScroll: true });
    const observer = new MutationObserver(() => {
      const later = title();
      if (!later) return;
      observer.disconnect();
      if (untouched()) later.focus({ preventScroll: true });
    });
    observer.observe(main, { childList: true, subtree: true });
    const stop = window.setTimeout(() => observer.disconnect(), 5000);
    return () => {
      observer.disconnect();
      window.clearTimeout(stop);
    };
  }, [pathname, mainRef]);
}

function AccountMenu() {
  const me = useMe();
  const logout = useLogout();
  return (
    <Menu position="bottom-end" width={240} shadow="md">
      <Menu.Target>
        <UnstyledButton aria-label="Account menu" p={4} style={{ borderRadius: 'var(--mantine-radius-xl)' }}>
          <Group gap={6} wrap="nowrap">
            <Avatar color="blue" radius="xl" size={32} aria-hidden="true">
              {initials(me.user.name)}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="md" aria-hidden="true">
              {me.user.name}
            </Text>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="var(--mantine-color-text)" truncate>
            {me.user.name}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {me.user.email}
          </Text>
        </Menu.Label>
        <Menu.Divider />
        <Menu.Item component={Link} to="/account/security">
          Security
        </Menu.Item>
        <Menu.Item onClick={() => logout.mutate({ kind: 'signed-out' })}>Sign out</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** The signed-in frame: header with account menu, navigation by permission, the page, and idle logoff. */
export function Shell() {
  const me = useMe();
  const can = useCan();
  const [opened, { toggle, close }] = useDisclosure(false);
  const isMobile = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement | null>(null);
  useFocusOnNavigate(mainRef);

  useEffect(() => close(), [pathname, close]);

  const hiddenNav = isMobile && !opened;
  const sections = visibleNav(can);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 248, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'sm', sm: 'lg' }}
    >
      <a
        href="#main"
        className={classes.skipLink}
        onClick={(e) => {
          // Move focus without putting "#main" in the address (the router would treat it as a navigation).
          e.preventDefault();
          mainRef.current?.focus();
        }}
      >
        Skip to main content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? 'Close navigation' : 'Open navigation'}
              aria-expanded={opened}
              aria-controls={NAVBAR_ID}
            />
            <Link to="/" className={classes.brand} aria-label="openiop home">
              <Group gap={8} wrap="nowrap">
                <Logo />
                <Text fw={700} size="lg">
                  openiop
                </Text>
              </Group>
            </Link>
            <Text size="sm" c="dimmed" visibleFrom="sm" truncate>
              {me.organization.name}
            </Text>
          </Group>
          <AccountMenu />
        </Group>
      </AppShell.Header>

      <AppShell.Navbar id={NAVBAR_ID} aria-label="Main" p="sm" inert={hiddenNav} aria-hidden={hiddenNav || undefined}>
        <AppShell.Section grow component={ScrollArea}>
          {sections.map((section) => (
            <div key={section.label ?? 'main'} role="group" aria-label={section.label ?? 'Clinical'}>
              {section.label && (
                <Text size="xs" fw={700} c="dimmed" mt="md" mb={4} px="sm" className={classes.sectionLabel} aria-hidden="true">
                  {section.label}
                </Text>
              )}
              {section.items.map((item) => {
                const active = isActive(item, pathname);
                return (
                  <NavLink
                    key={item.to}
                    component={Link}
                    to={item.to}
                    label={item.label}
                    active={active}
                    aria-current={active ? 'page' : undefined}
                    variant="light"
                    rightSection={item.to === '/worklist' ? <WorklistBadge /> : undefined}
                  />
                );
              })}
            </div>
          ))}
        </AppShell.Section>
        <Text size="xs" c="dimmed" px="sm" pt="sm" hiddenFrom="sm">
          {me.organization.name}
        </Text>
      </AppShell.Navbar>

      <AppShell.Main id="main" ref={mainRef} tabIndex={-1} className={classes.main}>
        <Outlet />
        <IdleLogoff />
      </AppShell.Main>
    </AppShell>
  );
}
