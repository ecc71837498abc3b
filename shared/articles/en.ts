import type { ArticleLocale } from './types.ts';

// Every fact here comes from the KDP "Sign in Issues" help page (shared/seeds beside the
// checkout), retold in our own words. Pages are named, never linked: the help page gives no
// addresses, and an auto-reply that invents one could send an author somewhere wrong.

const SIGN_IN_STEPS = [
  'Go to kdp.amazon.com and sign in.',
  'Open "Your Account" from the top of the page.',
  'Complete two-step verification as the page asks. As soon as it succeeds, your account page opens.',
] as const;

const FORGOT_PASSWORD =
  'If you no longer know the password, click "Forgot your password?" on the sign-in page and set a new one.';

const CLEAR_SAVED_PASSWORDS =
  'Remove any passwords your browser has saved for the site before you sign in again, so it cannot fill in the wrong ones.';

export const en: ArticleLocale = {
  language: 'en',
  frame: {
    greeting: (name) => (name ? `Hello ${name},` : 'Hello,'),
    intro: 'Thank you for writing to KDP support. Your message looks like a sign-in question, so here is what usually solves it.',
    stepsHeading: 'What to do',
    checksHeading: 'Also worth checking',
    automaticNotice:
      'This is an automatic answer, chosen from the words of your message. No person has read it yet.',
    reachPerson: (ticketId) =>
      ticketId
        ? `If this does not solve it, just reply to this email and a member of our team will pick it up. Your ticket number is ${ticketId}; please keep it in the subject line.`
        : 'If this does not solve it, just reply to this email and a member of our team will pick it up.',
    noSecrets:
      'We will never ask you for your password or for a verification code. Please do not send them to us, by email or otherwise.',
    signOff: 'Best regards,',
    team: 'KDP Support',
  },
  articles: {
    'sign-in-general': {
      title: 'Getting back into your KDP account',
      summary:
        'Most sign-in trouble has one of four causes: the email address, a mobile phone number, the password, or a second account created by mistake. First, the way in:',
      steps: SIGN_IN_STEPS,
      checks: [
        'Email address: it has to be complete, in the form username@domain.com (the ending can also be .net, .org or another one). If you have several addresses, use the one that belongs to your KDP account, with that account\'s password.',
        'Mobile phone number: if you opened the account with a phone number, sign in with that number and put your country code in front of it.',
        'Password: make sure CAPS Lock and NUM Lock are off. Upper and lower case count, so "PASSWORD" and "Password" are two different passwords. You can set a new one on the Password Reset page; if its email does not arrive, look in your Junk or Spam folder.',
        'A second account: answering that you are a new customer while signing in on Amazon sets up a second account that shares your email address but has a different password. Sign out, then sign in again with the email address and password of your KDP account.',
      ],
      closing:
        'If your Bookshelf looks empty after signing in, you may be in that second account or using an address unrelated to your KDP account: sign out and sign in with your KDP details.',
    },
    'email-address': {
      title: 'Signing in to KDP: which email address to use',
      summary:
        'KDP only accepts a complete email address, written as username@domain.com (or ending in .net, .org and so on). When you own more than one address, the address and the password you type have to belong to the same account: your KDP account.',
      steps: [
        'Check the address you type for typing errors and make sure it is whole, in the form username@domain.com, without spaces.',
        'If you use several email addresses, sign in with the one your KDP account was set up with, together with the password of that account.',
        'If you opened the account with a mobile phone number rather than an email address, sign in with that number, including your country code.',
        'If the address is right but the password is refused, set a new password on the Password Reset page.',
      ],
      checks: [
        'Moved your books over from CreateSpace? The "Moved from CreateSpace?" section of the KDP sign-in help page explains which email address to use on KDP to reach them.',
      ],
      closing:
        'If you land in an account with an empty Bookshelf, you may have signed in with an address that is not the one of your KDP account: sign out and try the other address.',
    },
    'mobile-phone': {
      title: 'Signing in to KDP with a mobile phone number',
      summary:
        'An account that was created with a mobile phone number is signed in to with that same number, not with an email address. The number has to include its country code.',
      steps: [
        'On the KDP sign-in page, enter the mobile phone number you used when you created the account.',
        'Put your country code at the start of the number.',
        'Enter the password of that account. CAPS Lock and NUM Lock should be off, because passwords are case sensitive.',
        'If the number is accepted but the password is not, set a new password on the Password Reset page.',
      ],
      closing:
        'Not sure how the account was created? An account opened with a phone number is signed in to with that number; one opened with an email address, with that address.',
    },
    password: {
      title: 'Signing in to KDP: your password',
      summary:
        'When a password is refused, the keyboard and letter case are the first things to check. If they are fine, you can set a new password yourself.',
      steps: [
        'Check that CAPS Lock and NUM Lock are switched off on your keyboard.',
        'Type the password with exactly the right capital and small letters. Passwords are case sensitive: "PASSWORD" and "Password" count as two different passwords.',
        'If you are certain the email address or mobile phone number is right, go to the Password Reset page (or click "Forgot your password?" on the sign-in page) and choose a new password.',
        'Waiting for the reset email from Amazon? Look in your Junk or Spam folder; it sometimes ends up there.',
      ],
      checks: [CLEAR_SAVED_PASSWORDS],
      closing:
        'If you use several email addresses, check that the password belongs to the address you are signing in with.',
    },
    'multiple-accounts': {
      title: 'Two accounts with the same email address',
      summary:
        'Answering that you are a new customer while signing in on Amazon, even by accident, creates another account. It has the same email address as your KDP account but a different password, and signing in may take you there instead.',
      steps: [
        'Sign out of the account you are signed in to now.',
        CLEAR_SAVED_PASSWORDS,
        'Sign back in with the email address and the password that belong to your KDP account.',
        FORGOT_PASSWORD,
      ],
      closing:
        'An empty Bookshelf after signing in is a typical sign that you are in that other account.',
    },
    'bookshelf-empty': {
      title: 'Your Bookshelf looks empty',
      summary:
        'An empty Bookshelf can mean you are signed in to a different account: either a second account created by accident while signing in, or one under an email address that is not the one of your KDP account.',
      steps: [
        'Sign out of the account you are in now.',
        CLEAR_SAVED_PASSWORDS,
        'Sign back in with the email address and the password that belong to your KDP account.',
        FORGOT_PASSWORD,
      ],
      closing:
        'If you have several email addresses, try the others too: the right one is the address your KDP account was set up with.',
    },
    'createspace-migration': {
      title: 'Moved from CreateSpace: signing in to KDP',
      summary:
        'If your books came over from CreateSpace, the email address that opens them on KDP matters. The KDP help pages explain which one to use.',
      steps: [
        'Open the KDP sign-in help page (Sign in Issues) and follow "Moved from CreateSpace?": it tells you which email address to use on KDP to reach your books.',
        'Sign in to KDP with that email address and its password, open "Your Account" from the top of the page and complete two-step verification.',
        'If your Bookshelf is empty afterwards, you are in a different account: sign out, remove saved passwords from your browser and sign in again with the right address.',
        FORGOT_PASSWORD,
      ],
      closing:
        'If you have several email addresses, make sure the address and the password you type belong to the same account.',
    },
    'error-404': {
      title: 'Error 404 Not Found on KDP',
      summary:
        'The "404 Not Found" message means the page you asked for does not exist, or no longer exists. If it appears while you are signing in to KDP, it means that your account is closed.',
      steps: [
        'If you reached the error from a link or a bookmark, that page probably no longer exists. Start again from kdp.amazon.com.',
        'If the error appears when you sign in, your KDP account has been closed. The best way to get help is to reply to the email message you received about the status of your account.',
      ],
      closing:
        'If the error keeps appearing on some other KDP page, reply to this email and tell us which page it was.',
    },
    'error-500': {
      title: 'Error 500 Internal Server Error on KDP',
      summary:
        'The "500 Internal Server Error" message points to a technical problem on the web server, not on your computer: the KDP website could be down for maintenance, or overloaded by many people using it at the same moment. Most of the time it clears up by itself.',
      steps: [
        'Wait 10-15 minutes, then load the page again.',
        'If it still fails, wait a little longer and try once more; the error is usually temporary.',
      ],
      closing: 'If the error keeps coming back over a longer time, reply to this email and tell us when you saw it.',
    },
    'two-step-verification': {
      title: 'Signing in to KDP with two-step verification',
      summary:
        'Signing in to KDP includes a two-step verification step. If that is where you get stuck, the Two-Step Verification help page covers it.',
      steps: [
        'Sign in to KDP and open "Your Account" from the top of the page.',
        'Follow the two-step verification instructions on the screen. Once the check succeeds, your account page opens.',
        'If you are stuck at this step, go to the Two-Step Verification help page in the KDP help pages; it deals with exactly this.',
      ],
      closing:
        'If the help page does not get you past the verification, reply to this email and describe where the sign-in stops.',
    },
    'amazon-customer-account': {
      title: 'Settings of your Amazon customer account',
      summary:
        'Your message seems to be about the settings of your Amazon customer account, the account you shop with. KDP support looks after signing in to KDP; for the customer account, Amazon Customer Service is the right place.',
      steps: [
        'To change or fix a setting of your Amazon customer account, please contact Amazon Customer Service.',
        'If your question is about signing in to KDP itself, reply to this email and tell us what happens when you try.',
      ],
      closing:
        'Still having trouble signing in to KDP? Just reply to this email and describe what you see.',
    },
  },
};
