import { createRouter, type RouteRecordRaw, type RouterHistory } from 'vue-router';
import CatalogView from '@/views/CatalogView.vue';
// Static, like the views that show it for a missing item: a lazy import here would make Rolldown add a
// runtime chunk that every public page then preloads.
import NotFoundView from '@/views/NotFoundView.vue';
import { useSessionStore } from '@/stores/session';

import {
  calendarData,
  catalogData,
  certificateData,
  courseData,
  coursesData,
  courseUnitData,
  eventData,
  materialData,
  plansData,
  linksData,
  showcaseListData,
  showcaseProjectData,
  pollData,
  pollsData,
  newsletterData,
  newslettersData,
  searchData,
} from './server-data';

// The catalog (first route) is in the entry bundle; every other page is its own lazy chunk.
const MaterialEditor = () => import('@/views/admin/AdminMaterialEditView.vue');
const NewsletterEditor = () => import('@/views/admin/AdminNewsletterEditView.vue');
const EventEditor = () => import('@/views/admin/AdminEventEditView.vue');
const PollEditor = () => import('@/views/admin/AdminPollEditView.vue');

export const routes: RouteRecordRaw[] = [
  // Public pages (`serverData`) are rendered on the server by the `ssr` function (firebase.json rewrites).
  { path: '/', name: 'catalog', component: CatalogView, meta: { title: 'Catalog', serverData: catalogData } },
  {
    path: '/materials/:id',
    name: 'material',
    component: () => import('@/views/MaterialView.vue'),
    props: true,
    meta: { title: 'Material', serverData: materialData },
  },
  {
    path: '/pricing',
    name: 'pricing',
    component: () => import('@/views/PricingView.vue'),
    meta: { title: 'Pricing', serverData: plansData },
  },
  // Events: the calendar and event pages (public, rendered on the server like the catalog).
  {
    path: '/events',
    name: 'events',
    component: () => import('@/views/EventsView.vue'),
    meta: { title: 'Events', serverData: calendarData },
  },
  {
    path: '/events/:id',
    name: 'event',
    component: () => import('@/views/EventView.vue'),
    props: true,
    meta: { title: 'Event', serverData: eventData },
  },
  // Courses: the catalog and course pages (public, rendered on the server like the catalog).
  {
    path: '/courses',
    name: 'courses',
    component: () => import('@/views/CoursesView.vue'),
    meta: { title: 'Courses', serverData: coursesData },
  },
  {
    path: '/courses/:slug',
    name: 'course',
    component: () => import('@/views/CourseView.vue'),
    props: true,
    meta: { title: 'Course', serverData: courseData },
  },
  // Course leaderboards (public board, opted-in members) and certificates (public by their random id, on the server).
  {
    path: '/courses/:slug/leaderboard',
    name: 'course-leaderboard',
    component: () => import('@/views/CourseLeaderboardView.vue'),
    props: true,
    meta: { title: 'Leaderboard' },
  },
  {
    path: '/courses/:slug/project',
    name: 'course-project',
    component: () => import('@/views/CourseProjectView.vue'),
    props: true,
    meta: { requiresAuth: true, title: 'Project' },
  },
  {
    path: '/certificates/:id',
    name: 'certificate',
    component: () => import('@/views/CertificateView.vue'),
    props: true,
    meta: { title: 'Certificate', serverData: certificateData },
  },
  // Courses: a unit (learning); a preview unit is rendered on the server.
  {
    path: '/courses/:slug/units/:unitId',
    name: 'course-unit',
    component: () => import('@/views/CourseUnitView.vue'),
    props: true,
    meta: { title: 'Course unit', serverData: courseUnitData },
  },
  // The project showcase and the curated links (public, rendered on the server like the catalog).
  {
    path: '/showcase',
    name: 'showcase',
    component: () => import('@/views/ShowcaseView.vue'),
    meta: { title: 'Showcase', serverData: showcaseListData },
  },
  {
    path: '/showcase/:id',
    name: 'showcase-project',
    component: () => import('@/views/ShowcaseProjectView.vue'),
    props: true,
    meta: { title: 'Project', serverData: showcaseProjectData },
  },
  {
    path: '/links',
    name: 'links',
    // The catalog's view, fixed to kind `link` (kept in the entry chunk: a view of its own would split shared code).
    component: CatalogView,
    props: { links: true },
    meta: { title: 'Links', serverData: linksData },
  },
  // Polls: the list and poll pages (public teasers, rendered on the server like the catalog).
  {
    path: '/polls',
    name: 'polls',
    component: () => import('@/views/PollsView.vue'),
    meta: { title: 'Polls', serverData: pollsData },
  },
  {
    path: '/polls/:id',
    name: 'poll',
    component: () => import('@/views/PollView.vue'),
    props: true,
    meta: { title: 'Poll', serverData: pollData },
  },
  { path: '/sign-in', name: 'sign-in', component: () => import('@/views/SignInView.vue'), meta: { title: 'Sign in' } },
  {
    path: '/sign-in/finish',
    name: 'sign-in-finish',
    component: () => import('@/views/SignInFinishView.vue'),
    meta: { title: 'Signing in' },
  },
  {
    path: '/courses/:slug/homework/:homeworkId',
    name: 'course-homework',
    component: () => import('@/views/CourseHomeworkView.vue'),
    props: true,
    meta: { requiresAuth: true, title: 'Homework' },
  },
  {
    path: '/account',
    name: 'account',
    component: () => import('@/views/AccountView.vue'),
    meta: { requiresAuth: true, title: 'Your account' },
  },
  {
    path: '/admin',
    meta: { requiresAuth: true, requiresAdmin: true },
    children: [
      {
        path: '',
        name: 'admin',
        component: () => import('@/views/admin/AdminMaterialsView.vue'),
        meta: { title: 'Admin: materials' },
      },
      { path: 'materials/new', name: 'admin-material-new', component: MaterialEditor, meta: { title: 'New material' } },
      {
        path: 'materials/:id',
        name: 'admin-material-edit',
        component: MaterialEditor,
        props: true,
        meta: { title: 'Edit material' },
      },
      {
        path: 'members',
        name: 'admin-members',
        component: () => import('@/views/admin/AdminMembersView.vue'),
        meta: { title: 'Admin: members' },
      },
      {
        path: 'newsletters',
        name: 'admin-newsletters',
        component: () => import('@/views/admin/AdminNewslettersView.vue'),
        meta: { title: 'Admin: newsletters' },
      },
      {
        path: 'newsletters/new',
        name: 'admin-newsletter-new',
        component: NewsletterEditor,
        meta: { title: 'New newsletter' },
      },
      {
        path: 'newsletters/:id',
        name: 'admin-newsletter-edit',
        component: NewsletterEditor,
        props: true,
        meta: { title: 'Newsletter' },
      },
      {
        path: 'community',
        name: 'admin-community',
        component: () => import('@/views/admin/AdminCommunityView.vue'),
        meta: { title: 'Admin: community' },
      },
      {
        path: 'announcements',
        name: 'admin-announcements',
        component: () => import('@/views/admin/AdminAnnouncementsView.vue'),
        meta: { title: 'Admin: announcements' },
      },
      {
        path: 'events',
        name: 'admin-events',
        component: () => import('@/views/admin/AdminEventsView.vue'),
        meta: { title: 'Admin: events' },
      },
      { path: 'events/new', name: 'admin-event-new', component: EventEditor, meta: { title: 'New event' } },
      {
        path: 'events/:id',
        name: 'admin-event-edit',
        component: EventEditor,
        props: true,
        meta: { title: 'Event' },
      },
      {
        path: 'courses/certificates',
        name: 'admin-course-certificates',
        component: () => import('@/views/admin/AdminCertificatesView.vue'),
        meta: { title: 'Admin: certificates' },
      },
      {
        path: 'recordings',
        name: 'admin-recordings',
        component: () => import('@/views/admin/RecordingIngestsView.vue'),
        meta: { title: 'Admin: recordings' },
      },
      {
        path: 'courses/homework',
        name: 'admin-course-homework',
        component: () => import('@/views/admin/AdminCourseHomeworkView.vue'),
        meta: { title: 'Admin: homework to score' },
      },
      {
        path: 'courses/syncs',
        name: 'admin-course-syncs',
        component: () => import('@/views/admin/AdminCourseSyncsView.vue'),
        meta: { title: 'Admin: course syncs' },
      },
      {
        path: 'showcase',
        name: 'admin-showcase',
        component: () => import('@/views/admin/AdminShowcaseView.vue'),
        meta: { title: 'Admin: showcase' },
      },
      {
        path: 'polls',
        name: 'admin-polls',
        component: () => import('@/views/admin/AdminPollsView.vue'),
        meta: { title: 'Admin: polls' },
      },
      { path: 'polls/new', name: 'admin-poll-new', component: PollEditor, meta: { title: 'New poll' } },
      { path: 'polls/:id', name: 'admin-poll-edit', component: PollEditor, props: true, meta: { title: 'Poll' } },
      {
        path: 'overview',
        name: 'admin-overview',
        component: () => import('@/views/admin/AdminOverviewView.vue'),
        meta: { title: 'Admin: overview' },
      },
    ],
  },
  {
    // The one-click unsubscribe endpoint redirects here with ?status=ok or ?status=invalid.
    path: '/unsubscribed',
    name: 'unsubscribed',
    component: () => import('@/views/UnsubscribedView.vue'),
    meta: { title: 'Newsletter' },
  },
  {
    // The signup confirmation link (confirmSubscription) redirects here with ?status=ok or ?status=invalid.
    path: '/subscribed',
    name: 'subscribed',
    component: () => import('@/views/SubscribedView.vue'),
    meta: { title: 'Newsletter' },
  },
  {
    // Where the account page goes once the member deleted their account (signed out by then).
    path: '/account-deleted',
    name: 'account-deleted',
    component: () => import('@/views/AccountDeletedView.vue'),
    meta: { title: 'Account deleted' },
  },
  {
    path: '/forbidden',
    name: 'forbidden',
    component: () => import('@/views/ForbiddenView.vue'),
    meta: { title: 'Admins only' },
  },
  // Accounts: sign-up apart from sign-in, "Forgot password" and the reset link's page.
  { path: '/sign-up', name: 'sign-up', component: () => import('@/views/SignUpView.vue'), meta: { title: 'Sign up' } },
  {
    path: '/forgot-password',
    name: 'forgot-password',
    component: () => import('@/views/ForgotPasswordView.vue'),
    meta: { title: 'Forgot password' },
  },
  {
    path: '/reset-password',
    name: 'reset-password',
    component: () => import('@/views/ResetPasswordView.vue'),
    meta: { title: 'Choose a new password' },
  },
  {
    path: '/notifications',
    name: 'notifications',
    component: () => import('@/views/NotificationsView.vue'),
    meta: { requiresAuth: true, title: 'Notifications' },
  },
  // Find things (issue 15): site search and the newsletter archive (public, rendered on the server).
  {
    path: '/search',
    name: 'search',
    component: () => import('@/views/SearchView.vue'),
    meta: { title: 'Search', serverData: searchData },
  },
  {
    path: '/newsletters',
    name: 'newsletters',
    component: () => import('@/views/NewslettersView.vue'),
    meta: { title: 'Newsletter archive', serverData: newslettersData },
  },
  {
    path: '/newsletters/:id',
    name: 'newsletter',
    component: () => import('@/views/NewsletterIssueView.vue'),
    props: true,
    meta: { title: 'Newsletter', serverData: newsletterData },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: NotFoundView,
    meta: { title: 'Page not found' },
  },
];

/** One router per app: web history in the browser, memory history per request on the server. */
export function createAppRouter(history: RouterHistory) {
  const router = createRouter({
    history,
    routes,
    scrollBehavior: (to, from, saved) => saved ?? (to.path === from.path ? undefined : { top: 0 }),
  });

  // A convenience for people: the rules refuse the same reads and writes on the server.
  router.beforeEach(async (to) => {
    if (!to.meta.requiresAuth && !to.meta.requiresAdmin) return true;
    const session = useSessionStore();
    await session.ready;
    if (!session.user) return { name: 'sign-in', query: { redirect: to.fullPath } };
    if (to.meta.requiresAdmin && !session.isAdmin) return { name: 'forbidden' };
    return true;
  });
  return router;
}
